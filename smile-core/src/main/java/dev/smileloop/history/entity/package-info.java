/**
 * The run history as data: a stored run, its gaps and environment findings, and the query and page
 * of {@code GET /api/runs}.
 */
package dev.smileloop.history.entity;
