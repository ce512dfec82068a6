package dev.pagerboy.datasets.pcic;

/**
 * One row of the PCIC 2021 {@code Alarm.csv}: an alarm of type {@code alarmId} on device {@code
 * deviceId}, raised at {@code startSecond} and cleared at {@code endSecond} (seconds since the
 * dataset's own anonymised origin).
 *
 * @param row the 1-based data row number (the header is row 0), a stable id for the alarm
 */
public record PcicAlarm(int row, int alarmId, int deviceId, long startSecond, long endSecond) {}
