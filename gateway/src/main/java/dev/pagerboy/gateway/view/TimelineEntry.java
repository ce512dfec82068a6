package dev.pagerboy.gateway.view;

/**
 * One line of an incident's timeline.
 *
 * @param at epoch ms
 * @param what plain words: "Paged alice (level 1)", "Delivered to oncall", …
 */
public record TimelineEntry(long at, String what) {}
