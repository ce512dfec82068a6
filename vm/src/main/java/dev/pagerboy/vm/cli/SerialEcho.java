package dev.pagerboy.vm.cli;

import dev.pagerboy.vm.GameBoy;
import dev.pagerboy.vm.hw.SerialPort;
import java.io.PrintStream;

/**
 * Copies serial bytes to stdout as they are sent and stops the machine once the text sent so far
 * contains the {@code --until-serial} text.
 */
final class SerialEcho implements SerialPort.Listener {

    private final GameBoy gb;
    private final PrintStream out;
    private final String until;
    private final StringBuilder tail = new StringBuilder();
    private int last = '\n';

    SerialEcho(GameBoy gb, PrintStream out, String until) {
        this.gb = gb;
        this.out = out;
        this.until = until;
    }

    @Override
    public void onByte(int value) {
        out.write(value);
        last = value;
        if (value == '\n') {
            out.flush();
        }
        if (until == null) {
            return;
        }
        tail.append((char) value);
        if (tail.length() > until.length()) {
            tail.deleteCharAt(0);
        }
        if (tail.length() == until.length() && tail.toString().equals(until)) {
            gb.requestStop();
        }
    }

    /** Ends the serial text with a newline if it did not, so what follows starts its own line. */
    void endLine() {
        if (last != '\n') {
            out.write('\n');
            last = '\n';
        }
    }
}
