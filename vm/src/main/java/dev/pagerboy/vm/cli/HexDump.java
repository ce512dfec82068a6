package dev.pagerboy.vm.cli;

import dev.pagerboy.vm.GameBoy;
import java.io.PrintStream;

/** {@code --dump}: 16 bytes per line as {@code C000: 00 01 ... 0F |ascii...|}, END inclusive. */
final class HexDump {

    private HexDump() {}

    static void print(GameBoy gb, int start, int end, PrintStream out) {
        for (int line = start; line <= end; line += 16) {
            StringBuilder hex = new StringBuilder(String.format("%04X:", line));
            StringBuilder text = new StringBuilder();
            for (int a = line; a < line + 16; a++) {
                if (a > end) {
                    hex.append("   ");
                    continue;
                }
                int v = gb.peek(a);
                hex.append(String.format(" %02X", v));
                text.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
            }
            out.println(hex + "  |" + text + "|");
        }
    }
}
