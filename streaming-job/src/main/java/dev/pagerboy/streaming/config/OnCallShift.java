package dev.pagerboy.streaming.config;

import java.io.Serializable;

/**
 * One stretch of a schedule's final timeline during which the same engineer is on call for the same
 * reason; {@link OnCallSchedule#timeline} cuts them at every handoff, restriction edge, layer bound
 * and override bound, and clips the first and last to the window asked for.
 *
 * @param start epoch ms, inclusive
 * @param end epoch ms, exclusive
 * @param onCall who is on call, and why
 */
public record OnCallShift(long start, long end, OnCall onCall) implements Serializable {}
