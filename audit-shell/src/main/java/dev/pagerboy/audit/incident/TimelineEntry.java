package dev.pagerboy.audit.incident;

/**
 * One line of an incident's timeline: an archived row about the incident, said in words.
 *
 * @param eventTime epoch ms (event time)
 * @param kind the row's kind ({@code incident}, {@code notification}, {@code ack}, …)
 * @param what what happened, e.g. {@code acknowledged by alice}
 * @param rowId the archive row, so the auditor can look at it with sql
 */
public record TimelineEntry(long eventTime, String kind, String what, String rowId) {}
