package dev.smileloop.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API lives under {@code /api}; {@code /ws} is the WebSocket stream beside it. */
@ApplicationPath("api")
public class SmileApplication extends Application {}
