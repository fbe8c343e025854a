package dev.smileloop.learner.entity;

/** A step's sentence that asks for an action without saying what exactly to do. */
public record VagueInstruction(int line, String sentence) {}
