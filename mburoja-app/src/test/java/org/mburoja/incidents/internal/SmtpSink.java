package org.mburoja.incidents.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A minimal in-process SMTP server (RFC 5321 happy path: EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) on an
 * ephemeral loopback port, keeping every message received. Enough for a real {@code JavaMailSender} to talk to.
 */
final class SmtpSink implements AutoCloseable {

    /** One received message: envelope recipients and the raw DATA text. */
    record Message(List<String> recipients, String data) {
    }

    private final ServerSocket server;
    private final List<Message> messages = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = Thread.ofVirtual().start(this::serve);
    }

    int port() {
        return server.getLocalPort();
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        reply(out, "220 sink ESMTP");
        List<String> rcpt = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
            switch (cmd) {
                case "EHLO", "HELO" -> reply(out, "250 sink");
                case "MAIL", "NOOP" -> reply(out, "250 OK");
                case "RSET" -> {
                    rcpt.clear();
                    reply(out, "250 OK");
                }
                case "RCPT" -> {
                    rcpt.add(line.substring(line.indexOf('<') + 1, line.indexOf('>')));
                    reply(out, "250 OK");
                }
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    String d;
                    while ((d = in.readLine()) != null && !d.equals(".")) {
                        data.append(d.startsWith("..") ? d.substring(1) : d).append('\n');
                    }
                    messages.add(new Message(List.copyOf(rcpt), data.toString()));
                    rcpt.clear();
                    reply(out, "250 queued");
                }
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                // RFC 5321 reply 502: a command this sink does not serve (VRFY, EXPN, AUTH ...)
                default -> reply(out, "502 5.5.1 command unrecognised by the test sink");
            }
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
