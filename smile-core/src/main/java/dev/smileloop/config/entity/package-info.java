/** The validated configuration of a loop ({@code smile.json}) as immutable records and enums. */
package dev.smileloop.config.entity;
