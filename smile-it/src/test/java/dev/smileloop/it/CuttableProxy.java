package dev.smileloop.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between the browser and the server that the test can cut: {@link #cut()} drops every
 * open connection at once (as a server or network dropping its sockets would) and refuses new ones
 * until {@link #restore()}. It records the request line of each connection, so a test can see which
 * {@code /ws?since=N} the page asked for when it came back.
 */
final class CuttableProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int target;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final List<String> requestLines = new CopyOnWriteArrayList<>();
  private volatile boolean refusing;

  CuttableProxy(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Every request line the browser sent, e.g. {@code GET /ws?since=12 HTTP/1.1}. */
  List<String> requestLines() {
    return List.copyOf(requestLines);
  }

  /** Drops every open connection and refuses new ones. */
  void cut() {
    refusing = true;
    open.forEach(CuttableProxy::closeQuietly);
    open.clear();
  }

  void restore() {
    refusing = false;
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        if (refusing) {
          closeQuietly(client);
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(client);
        open.add(server);
        pump(client, server, true);
        pump(server, client, false);
      } catch (IOException e) {
        // listener closed, or the server refused: the browser sees a dropped connection
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromBrowser) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              boolean first = fromBrowser;
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  if (first) {
                    String head = new String(buffer, 0, n, StandardCharsets.ISO_8859_1);
                    int end = head.indexOf("\r\n");
                    requestLines.add(end < 0 ? head : head.substring(0, end));
                    first = false;
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // one side closed: close the other too
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
              }
            },
            "proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
    listener.close();
  }
}
