package dev.pagerboy.datasets.pcic;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates {@code Alarm.csv} of the Huawei PCIC 2021 wireless alarm set: the header
 * {@code alarm_id,device_id,start_timestamp,end_timestamp}, then four non-negative integers per row
 * with end ≥ start. Any deviation is an {@link IllegalArgumentException} naming file and line.
 */
public final class PcicAlarmCsv {
    static final String HEADER = "alarm_id,device_id,start_timestamp,end_timestamp";

    private PcicAlarmCsv() {}

    public static List<PcicAlarm> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("missing source file " + file);
        }
        List<PcicAlarm> alarms = new ArrayList<>(40_000);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals(HEADER)) {
                throw new IllegalArgumentException(
                        file + ":1: expected the header '" + HEADER + "', found '" + header + "'");
            }
            String line;
            int row = 0;
            while ((line = in.readLine()) != null) {
                row++;
                if (line.isBlank()) {
                    continue;
                }
                alarms.add(parse(file, row, line.strip()));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (alarms.isEmpty()) {
            throw new IllegalArgumentException(file + ": no alarm rows");
        }
        return alarms;
    }

    private static PcicAlarm parse(Path file, int row, String line) {
        String[] f = line.split(",", -1);
        String where = file + ":" + (row + 1) + ": ";
        if (f.length != 4) {
            throw new IllegalArgumentException(where + "expected 4 fields, got " + f.length);
        }
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
            try {
                v[i] = Long.parseLong(f[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "not an integer: '" + f[i] + "'", e);
            }
            if (v[i] < 0) {
                throw new IllegalArgumentException(where + "negative value " + v[i]);
            }
        }
        if (v[3] < v[2]) {
            throw new IllegalArgumentException(
                    where + "end_timestamp " + v[3] + " is before start_timestamp " + v[2]);
        }
        if (v[0] > Integer.MAX_VALUE || v[1] > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(where + "alarm or device id out of range");
        }
        return new PcicAlarm(row, (int) v[0], (int) v[1], v[2], v[3]);
    }
}
