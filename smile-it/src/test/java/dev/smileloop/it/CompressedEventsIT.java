package dev.smileloop.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * permessage-deflate (RFC 7692) on {@code /ws}, negotiated per client: a client that asks for it
 * gets compressed frames of a large event, one that does not gets the same event uncompressed. The
 * clients speak the protocol on a plain socket, so the test sees the bytes on the wire.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CompressedEventsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return SmileServer.war();
  }

  @ArquillianResource URL deployed;

  private SmileServer server;

  @BeforeEach
  void quietServer() {
    server = new SmileServer(deployed);
    server.stopAnyLoop();
  }

  @Test
  void aClientThatAsksForDeflateGetsALargeEventCompressedAndOneThatDoesNotGetsItPlain()
      throws Exception {
    String notes = "Install the JDK first, then run the build again. ".repeat(1400); // ~68 KB
    try (WireClient deflating = new WireClient(server.base().getPort(), true);
        WireClient plain = new WireClient(server.base().getPort(), false)) {
      assertTrue(
          deflating.extensions.contains("permessage-deflate"),
          "negotiated: " + deflating.extensions);
      assertEquals("", plain.extensions, "nothing negotiated for a client that did not ask");
      assertEquals("connected", deflating.next().json.getString("event"));
      assertEquals("connected", plain.next().json.getString("event"));

      assertEquals(202, server.post("api/loop", Bodies.externalLoop()).status());
      assertEquals(200, server.post("api/student/result", Bodies.askMentor("q")).status());
      assertEquals(200, server.post("api/mentor/result", Bodies.mentor(notes)).status());

      Message squeezed = deflating.nextEvent("mentor_output");
      Message full = plain.nextEvent("mentor_output");
      assertEquals(notes, squeezed.json.getJsonObject("payload").getString("notes"));
      assertEquals(notes, full.json.getJsonObject("payload").getString("notes"));
      assertTrue(squeezed.compressed, "RSV1 set: the frame is compressed");
      assertFalse(full.compressed);
      assertTrue(full.wireBytes > notes.length(), full.wireBytes + " bytes plain");
      assertTrue(
          squeezed.wireBytes * 10 < full.wireBytes,
          squeezed.wireBytes + " bytes compressed vs " + full.wireBytes + " plain");

      // Later events still arrive in order on both, the compressed stream keeping its context.
      assertEquals("iteration_start", deflating.next().json.getString("event"));
      assertEquals("iteration_start", plain.next().json.getString("event"));
    }
  }

  private record Message(JsonObject json, boolean compressed, int wireBytes) {}

  /** A WebSocket client on a raw socket that may ask for permessage-deflate. */
  private static final class WireClient implements AutoCloseable {
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final Inflater inflater = new Inflater(true);
    final String extensions;

    WireClient(int port, boolean deflate) throws IOException {
      socket.connect(new InetSocketAddress("127.0.0.1", port));
      socket.setSoTimeout(15_000);
      byte[] nonce = new byte[16];
      new SecureRandom().nextBytes(nonce);
      String handshake =
          "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
              + Base64.getEncoder().encodeToString(nonce)
              + "\r\nSec-WebSocket-Version: 13\r\n"
              + "Authorization: Bearer "
              + SmileServer.TOKEN
              + "\r\n"
              + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "")
              + "\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(handshake.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      in = new DataInputStream(socket.getInputStream());
      StringBuilder headers = new StringBuilder();
      while (!headers.toString().endsWith("\r\n\r\n")) {
        headers.append((char) in.readUnsignedByte());
      }
      String response = headers.toString();
      if (!response.startsWith("HTTP/1.1 101")) {
        throw new IOException("handshake refused: " + response);
      }
      extensions =
          response
              .lines()
              .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("sec-websocket-extensions:"))
              .map(l -> l.substring(l.indexOf(':') + 1).trim())
              .findFirst()
              .orElse("");
    }

    Message nextEvent(String name) throws IOException, DataFormatException {
      while (true) {
        Message message = next();
        if (name.equals(message.json.getString("event"))) {
          return message;
        }
      }
    }

    /** The next text message, inflated when its first frame has RSV1 set; pings are skipped. */
    Message next() throws IOException, DataFormatException {
      ByteArrayOutputStream payload = new ByteArrayOutputStream();
      boolean compressed = false;
      int wire = 0;
      while (true) {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        wire += 2;
        if (length == 126) {
          length = in.readUnsignedShort();
          wire += 2;
        } else if (length == 127) {
          length = in.readLong();
          wire += 8;
        }
        byte[] bytes = new byte[(int) length];
        in.readFully(bytes);
        wire += bytes.length;
        int opcode = first & 0x0f;
        if (opcode == 0x9 || opcode == 0xA) {
          continue;
        }
        if (opcode == 0x8) {
          throw new IOException("closed by the server");
        }
        if (opcode == 0x1) {
          compressed = (first & 0x40) != 0;
        }
        payload.write(bytes);
        if ((first & 0x80) != 0) {
          break;
        }
      }
      byte[] data = payload.toByteArray();
      String text = compressed ? inflate(data) : new String(data, StandardCharsets.UTF_8);
      return new Message(Json.createReader(new StringReader(text)).readObject(), compressed, wire);
    }

    /** RFC 7692 7.2.2: append 00 00 ff ff and inflate with the connection's one inflater. */
    private String inflate(byte[] data) throws DataFormatException {
      byte[] input = new byte[data.length + 4];
      System.arraycopy(data, 0, input, 0, data.length);
      input[data.length + 2] = (byte) 0xff;
      input[data.length + 3] = (byte) 0xff;
      inflater.setInput(input);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[16 * 1024];
      while (true) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.finished())) {
          break;
        }
        out.write(buffer, 0, n);
      }
      return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      inflater.end();
      socket.close();
    }
  }
}
