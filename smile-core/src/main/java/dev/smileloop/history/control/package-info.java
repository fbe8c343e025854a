/**
 * How runs are kept: the database (embedded H2 or PostgreSQL, schema by Flyway migrations), plain
 * JDBC reads and writes, and the matching of gaps across runs by kind and quoted text.
 */
package dev.smileloop.history.control;
