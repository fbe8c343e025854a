package dev.smileloop.ws.boundary;

import dev.smileloop.loop.entity.LoopEvent;
import dev.smileloop.ws.control.BatchingExecutor;
import dev.smileloop.ws.control.EnvelopeWriter;
import dev.smileloop.ws.control.EventHub;
import dev.smileloop.ws.control.WsSettings;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.websocket.Session;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Streams every {@link LoopEvent} to the {@code /ws} clients. A synchronous observer: it runs on
 * the thread that fired the event (the loop, or a REST request), only encodes and queues, and never
 * throws back into it. Sends run on {@code smile.ws.sendThreads} threads of their own, made by the
 * container's managed thread factory ({@link BatchingExecutor}), the heartbeat on the default
 * managed scheduled executor. Settings come from system properties or environment variables ({@link
 * WsSettings}). Uses the application's {@link Clock} bean when there is one, else the UTC system
 * clock.
 */
@ApplicationScoped
public class EventBroadcaster {

  private static final Logger LOG = Logger.getLogger(EventBroadcaster.class.getName());

  @Resource private ManagedThreadFactory threads;
  @Resource private ManagedScheduledExecutorService scheduler;
  @Inject private Instance<Clock> clocks;

  private Jsonb jsonb;
  private EventHub hub;
  private ExecutorService senders;
  private ScheduledFuture<?> heartbeat;

  @PostConstruct
  void start() {
    WsSettings settings = WsSettings.fromEnvironment();
    Clock clock = clocks.isResolvable() ? clocks.get() : Clock.systemUTC();
    jsonb = JsonbBuilder.create();
    // Sending threads of their own (made by the container, so they carry its context): on the
    // shared default managed executor, deliveries queued behind the loop's own tasks (writing the
    // state, the reports) and each task paid a context capture.
    senders = Executors.newFixedThreadPool(settings.sendThreads(), threads);
    hub =
        new EventHub(
            settings,
            new EnvelopeWriter(jsonb),
            new BatchingExecutor(senders, settings.sendThreads()),
            clock);
    if (settings.pingSeconds() > 0) {
      heartbeat =
          scheduler.scheduleAtFixedRate(
              this::tick, settings.pingSeconds(), settings.pingSeconds(), TimeUnit.SECONDS);
    }
    LOG.fine(() -> "/ws streaming with " + settings);
  }

  void onEvent(@Observes LoopEvent event) {
    try {
      hub.publish(event);
    } catch (RuntimeException e) {
      // The loop must never fail because of its observers.
      LOG.log(Level.WARNING, "could not stream " + event.getClass().getSimpleName(), e);
    }
  }

  /** Registers a new connection; {@code since} is its raw query parameter, null when absent. */
  public void open(Session session, String since) {
    open(session, since, null);
  }

  /** The same for a client that follows one loop ({@code /ws?loop=ID}), null for all. */
  public void open(Session session, String since, String loop) {
    // No idle timeout: the heartbeat closes clients that stop answering. With one, Tyrus 2.1.5
    // cancels and schedules a timer task on the managed scheduled executor for every frame sent,
    // and Payara captures the caller's context for each (a ServiceLoader scan): a third of the
    // sending threads' time with 1,000 clients, and the scheduler thread's work on top.
    session.setMaxIdleTimeout(0);
    hub.connect(new SessionSink(session), since, loop);
  }

  public void alive(Session session) {
    hub.alive(session.getId());
  }

  public void closed(Session session) {
    hub.disconnect(session.getId());
  }

  public int clientCount() {
    return hub.clients().size();
  }

  public long lastSeq() {
    return hub.lastSeq();
  }

  /** Clients, events and drops so far, for metrics. */
  public EventHub.Stats stats() {
    return hub.stats();
  }

  /** True from start until shutdown: events are streamed. */
  public boolean isRunning() {
    return hub != null && !hub.isShutDown();
  }

  /**
   * Close every client with 1001 before the application's beans go; by then the container may still
   * be able to write the close frames. {@code IF_EXISTS}: without clients there is nothing to
   * close, so no broadcaster is created for it.
   */
  void beforeShutdown(
      @Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
          Object context) {
    shutdown();
  }

  @PreDestroy
  void stop() {
    shutdown();
    senders.shutdown();
    try {
      jsonb.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing JSON-B", e);
    }
  }

  private void shutdown() {
    if (heartbeat != null) {
      heartbeat.cancel(false);
    }
    hub.shutdown();
  }

  private void tick() {
    try {
      hub.heartbeat();
    } catch (RuntimeException e) {
      // A failed tick must not cancel the schedule: the next one tries again.
      LOG.log(Level.WARNING, "/ws heartbeat failed", e);
    }
  }

  static String firstParameter(Session session, String name) {
    List<String> values = session.getRequestParameterMap().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
