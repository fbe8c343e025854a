package dev.smileloop.agent.control;

/** The Student and Mentor a loop runs with. */
public record Agents(StudentAgent student, MentorAgent mentor) {}
