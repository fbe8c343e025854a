/**
 * What a sandbox works with: the host folders of one learner attempt, the same places as commands
 * inside the sandbox see them, and the result of one command.
 */
package dev.smileloop.sandbox.entity;
