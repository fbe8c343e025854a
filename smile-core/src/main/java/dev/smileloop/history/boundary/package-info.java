/**
 * The run history: every finished loop is stored, and each report is marked against the previous
 * run of the same tutorial (new, still there, fixed).
 */
package dev.smileloop.history.boundary;
