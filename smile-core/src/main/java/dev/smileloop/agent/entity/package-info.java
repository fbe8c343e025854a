/** What the Student and Mentor agents are given for one invocation, and what the Mentor answers. */
package dev.smileloop.agent.entity;
