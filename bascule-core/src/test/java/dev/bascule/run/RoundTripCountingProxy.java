package dev.bascule.run;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a PostgreSQL server that reads the client's side of the wire protocol and counts, per
 * connection, the messages after which the client waits for the server: Sync (extended protocol) and Query (simple
 * protocol). That is the number of round trips, counted from what was really sent, independent of timing. Plain TCP
 * only: connect with {@code sslmode=disable&gssEncMode=disable}.
 */
final class RoundTripCountingProxy implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;

    private final ServerSocket listener;
    private final int serverPort;
    private final List<ConnectionCount> connections = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    /** One client connection: its round trips so far and whether it sent {@code marker} in any message. */
    static final class ConnectionCount {
        private final AtomicInteger roundTrips = new AtomicInteger();
        private volatile boolean sawMarker;

        int roundTrips() {
            return roundTrips.get();
        }

        boolean sawMarker() {
            return sawMarker;
        }
    }

    private final String marker;

    RoundTripCountingProxy(int serverPort, String marker) throws IOException {
        this.serverPort = serverPort;
        this.marker = marker;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "round-trip-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/" + database
                + "?sslmode=disable&gssEncMode=disable";
    }

    /** Round trips of every connection that sent the marker so far. */
    int roundTripsOfMarkedConnections() {
        return connections.stream().filter(ConnectionCount::sawMarker).mapToInt(ConnectionCount::roundTrips).sum();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                ConnectionCount count = new ConnectionCount();
                connections.add(count);
                start(() -> clientToServer(client, server, count));
                start(() -> copy(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "round-trip-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void clientToServer(Socket client, Socket server, ConnectionCount count) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(server.getOutputStream()))) {
            boolean started = false;
            while (!started) { // untyped start-up messages: SSL/GSS requests, then the StartupMessage
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                out.writeInt(length);
                out.write(body);
                out.flush();
                int code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                started = code != SSL_REQUEST && code != GSS_REQUEST && code != CANCEL_REQUEST;
                if (code == CANCEL_REQUEST) {
                    return;
                }
            }
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (body.length != length - 4) {
                    throw new EOFException();
                }
                if (type == 'S' || type == 'Q') {
                    count.roundTrips.incrementAndGet();
                }
                if (!count.sawMarker && (type == 'P' || type == 'Q')
                        && new String(body, StandardCharsets.UTF_8).contains(marker)) {
                    count.sawMarker = true;
                }
                out.write(type);
                out.writeInt(length);
                out.write(body);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16384];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        sockets.forEach(RoundTripCountingProxy::closeQuietly);
    }
}
