/** The agents as the application wires them: which Student and Mentor a provider gets. */
package dev.smileloop.agent.boundary;
