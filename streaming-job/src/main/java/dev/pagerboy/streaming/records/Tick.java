package dev.pagerboy.streaming.records;

/**
 * A clock tick: advances event time (and so fires event-time timers) when no alerts arrive. Ticks
 * are inputs like any other and are archived.
 *
 * @param eventTime epoch milliseconds
 */
public record Tick(long eventTime) {}
