package dev.pagerboy.streaming.config;

import java.io.Serializable;

/**
 * Where notifications for a route go.
 *
 * @param name unique receiver name, referenced by routes
 * @param webhookUrl the http(s) URL the dispatcher posts to (may be {@code null}: notifications are
 *     then only written to the notifications topic)
 * @param team the owning team, carried on every notification
 */
public record Receiver(String name, String webhookUrl, String team) implements Serializable {}
