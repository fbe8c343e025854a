package dev.smileloop.api.command;

/** A request body the {@link CommandReader} reads: the record's name is its schema's name. */
public sealed interface Command
    permits StartLoopCommand, StudentResultCommand, MentorResultCommand, StopCommand {}
