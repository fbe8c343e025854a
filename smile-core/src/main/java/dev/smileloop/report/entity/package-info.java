/**
 * The gap report as data: what a finished loop found in a tutorial, built once and rendered in
 * every format (Markdown, JSON, audit log, JUnit XML, SARIF) from the same immutable records.
 */
package dev.smileloop.report.entity;
