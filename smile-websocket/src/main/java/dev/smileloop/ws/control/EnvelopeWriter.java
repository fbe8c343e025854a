package dev.smileloop.ws.control;

import dev.smileloop.agent.entity.CommandRecord;
import dev.smileloop.agent.entity.StudentOutput;
import dev.smileloop.loop.control.StateMasking;
import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.loop.entity.LoopEvent.IterationStarted;
import dev.smileloop.loop.entity.LoopEvent.LoopCompleted;
import dev.smileloop.loop.entity.LoopEvent.LoopError;
import dev.smileloop.loop.entity.LoopEvent.MentorAnswered;
import dev.smileloop.loop.entity.LoopEvent.StudentProgress;
import dev.smileloop.loop.entity.LoopEvent.StudentReported;
import dev.smileloop.loop.entity.LoopState;
import dev.smileloop.secret.SecretRedactor;
import dev.smileloop.ws.entity.Envelope;
import dev.smileloop.ws.entity.Payload;
import jakarta.json.bind.Jsonb;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Turns loop events and client notices into the JSON text of one {@code /ws} frame. Each frame is
 * encoded once and the same string goes to every client. Every text that comes from a tutorial or
 * an agent is masked on the way out ({@link StateMasking}), as the reports mask it.
 */
public final class EnvelopeWriter {

  /** ISO-8601 UTC with exactly six fraction digits, e.g. {@code 2025-05-01T09:30:00.000120Z}. */
  private static final DateTimeFormatter MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

  private final Jsonb jsonb;
  private final StateMasking masking;

  /** {@code jsonb} must be thread-safe for serialisation, as Yasson's instances are. */
  public EnvelopeWriter(Jsonb jsonb) {
    this(jsonb, new StateMasking(jsonb, SecretRedactor.fromEnvironment()));
  }

  public EnvelopeWriter(Jsonb jsonb, StateMasking masking) {
    this.jsonb = jsonb;
    this.masking = masking;
  }

  public static String timestamp(Instant at) {
    return MICROS.format(at);
  }

  /** The frame of a broadcast loop event. */
  public String event(LoopEvent event, long seq, Instant at) {
    return write(name(event), payload(event), seq, at, event.state().loopId());
  }

  public String connected(LoopState state, long lastSeq, Instant at) {
    return write(
        Payload.CONNECTED, new Payload.Connected(masking.full(state), lastSeq), lastSeq, at, null);
  }

  public String notice(Payload.ErrorMessage notice, long seq, Instant at) {
    return write(Payload.ERROR, notice, seq, at, null);
  }

  private String write(String event, Object payload, long seq, Instant at, String loopId) {
    return jsonb.toJson(new Envelope(event, payload, seq, timestamp(at), loopId));
  }

  static String name(LoopEvent event) {
    if (event instanceof IterationStarted) {
      return Payload.ITERATION_START;
    } else if (event instanceof StudentReported) {
      return Payload.STUDENT_OUTPUT;
    } else if (event instanceof MentorAnswered) {
      return Payload.MENTOR_OUTPUT;
    } else if (event instanceof LoopCompleted) {
      return Payload.LOOP_COMPLETE;
    } else if (event instanceof LoopError) {
      return Payload.ERROR;
    } else if (event instanceof StudentProgress) {
      return Payload.STUDENT_PROGRESS;
    }
    throw new IllegalArgumentException("no wire name for " + event.getClass().getName());
  }

  Object payload(LoopEvent event) {
    if (event instanceof IterationStarted e) {
      return new Payload.IterationStart(e.iteration(), e.timestamp());
    } else if (event instanceof StudentReported e) {
      StudentOutput out = e.output();
      return out == null
          ? new Payload.StudentSummary(null, null, null)
          : new Payload.StudentSummary(out.status(), mask(out.summary()), mask(out.currentStep()));
    } else if (event instanceof MentorAnswered e) {
      return new Payload.MentorOutput(mask(e.notes()));
    } else if (event instanceof LoopCompleted e) {
      return new Payload.LoopComplete(e.status(), mask(e.summary()), e.iterations());
    } else if (event instanceof LoopError e) {
      return Payload.ErrorMessage.of(mask(e.message()));
    } else if (event instanceof StudentProgress e) {
      CommandRecord c = e.command();
      return c == null
          ? new Payload.StudentProgress(e.iteration(), null, 0, null, 0, 0, false, false, null)
          : new Payload.StudentProgress(
              e.iteration(),
              mask(c.step()),
              c.line(),
              mask(c.command()),
              c.exitCode(),
              c.durationMillis(),
              c.timedOut(),
              c.fromMentor(),
              mask(c.outputExcerpt()));
    }
    throw new IllegalArgumentException("no payload for " + event.getClass().getName());
  }

  private String mask(String text) {
    return masking.text(text);
  }
}
