package dev.smileloop.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deliberately bad WebSocket client on a plain socket: it reads frames but never answers a ping,
 * as a client behind a dead network would. Used to see the server's heartbeat close it.
 */
final class RawWsClient implements AutoCloseable {

  private final Socket socket;
  private final AtomicInteger pings = new AtomicInteger();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private final CountDownLatch reading = new CountDownLatch(1);
  private final List<JsonObject> texts = new CopyOnWriteArrayList<>();
  private volatile boolean answerPings;

  /** A client that reads (and never pongs) from the start. */
  RawWsClient(int port) throws IOException {
    this(port, false);
  }

  /**
   * With {@code paused}, the client reads nothing after the handshake until {@link #resume()}, with
   * a tiny receive buffer, so the server's side fills up quickly: a client that does not read.
   */
  RawWsClient(int port, boolean paused) throws IOException {
    this(port, paused, "Authorization: Bearer " + SmileServer.TOKEN + "\r\n");
  }

  /** Sends the handshake with {@code extraHeaders} (each line ending in CRLF). */
  RawWsClient(int port, boolean paused, String extraHeaders) throws IOException {
    socket = new Socket();
    if (paused) {
      socket.setReceiveBufferSize(4096);
    }
    socket.connect(new InetSocketAddress("127.0.0.1", port));
    if (!paused) {
      reading.countDown();
    }
    byte[] nonce = new byte[16];
    new SecureRandom().nextBytes(nonce);
    String handshake =
        "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + Base64.getEncoder().encodeToString(nonce)
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + extraHeaders
            + "\r\n";
    OutputStream out = socket.getOutputStream();
    out.write(handshake.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    String status = readHeaders(in);
    if (!status.contains(" 101 ")) {
      socket.close();
      throw new Refused(status);
    }
    Thread reader = new Thread(() -> readFrames(in), "raw-ws-reader");
    reader.setDaemon(true);
    reader.start();
  }

  private static String readHeaders(DataInputStream in) throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      headers.append((char) in.readUnsignedByte());
    }
    return headers.toString().lines().findFirst().orElse("");
  }

  /** Starts reading, and from now on answers pings: a slow client that caught up. */
  void resume() {
    answerPings = true;
    reading.countDown();
  }

  private void pong(byte[] payload) throws IOException {
    byte[] mask = new byte[4];
    new SecureRandom().nextBytes(mask);
    OutputStream out = socket.getOutputStream();
    out.write(0x8A);
    out.write(0x80 | payload.length);
    out.write(mask);
    for (int i = 0; i < payload.length; i++) {
      out.write(payload[i] ^ mask[i % 4]);
    }
    out.flush();
  }

  /** The text messages received so far, parsed. */
  List<JsonObject> texts() {
    return List.copyOf(texts);
  }

  private void readFrames(DataInputStream in) {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    try {
      reading.await();
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
          length = in.readUnsignedShort();
        } else if (length == 127) {
          length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        int opcode = first & 0x0f;
        if (opcode == 0x1 || opcode == 0x0) {
          message.write(payload);
          if ((first & 0x80) != 0) {
            texts.add(
                Json.createReader(new StringReader(message.toString(StandardCharsets.UTF_8)))
                    .readObject());
            message.reset();
          }
        } else if (opcode == 0x9) {
          pings.incrementAndGet();
          if (answerPings) {
            pong(payload);
          }
        } else if (opcode == 0x8) {
          closeCode.complete(length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005);
          return;
        }
      }
    } catch (IOException e) {
      closeCode.complete(-1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The server answered the handshake with something other than 101. */
  static final class Refused extends IOException {
    final String statusLine;

    Refused(String statusLine) {
      super("handshake refused: " + statusLine);
      this.statusLine = statusLine;
    }
  }

  int pings() {
    return pings.get();
  }

  CompletableFuture<Integer> closeCode() {
    return closeCode;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
