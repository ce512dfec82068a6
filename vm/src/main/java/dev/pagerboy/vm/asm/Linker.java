package dev.pagerboy.vm.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The link step: gives every floating section an address (and bank) first-fit around the fixed
 * ones, fills in every patch, and lays the ROM sections out into a ROM image whose size is the
 * smallest power of two (at least 32 KiB) that holds every bank used.
 */
final class Linker {

    private final List<Section> sections;
    private final Map<String, Symbol> symbols;
    private final List<AsmError> errors;

    Linker(List<Section> sections, Map<String, Symbol> symbols, List<AsmError> errors) {
        this.sections = sections;
        this.symbols = symbols;
        this.errors = errors;
    }

    /** The linked ROM image (before header fixing), or null if placement failed. */
    byte[] link(int padValue) {
        place();
        if (!errors.isEmpty()) {
            return null;
        }
        int banks = 2;
        for (Section s : sections) {
            if (s.region.rom) {
                while (s.bank >= banks) {
                    banks *= 2;
                }
            }
        }
        byte[] rom = new byte[banks * 0x4000];
        Arrays.fill(rom, (byte) padValue);
        Expr.Resolver resolver = linkResolver();
        for (Section s : sections) {
            for (Section.Patch patch : s.patches) {
                apply(s, patch, resolver);
            }
            if (s.region.rom) {
                int base =
                        s.bank * 0x4000
                                + (s.address - s.region.start)
                                + (s.region == MemoryRegion.ROMX ? 0x4000 : 0);
                if (s.region == MemoryRegion.ROMX) {
                    base = s.bank * 0x4000 + (s.address - 0x4000);
                }
                byte[] bytes = s.bytes();
                System.arraycopy(bytes, 0, rom, base, bytes.length);
            }
        }
        return errors.isEmpty() ? rom : null;
    }

    private void place() {
        List<Section> fixedFirst = new ArrayList<>(sections);
        fixedFirst.sort(Comparator.comparing((Section s) -> s.fixedAddress < 0));
        List<Section> placed = new ArrayList<>();
        for (Section s : fixedFirst) {
            if (s.size() > s.region.size) {
                errors.add(
                        new AsmError(
                                s.declared,
                                String.format(
                                        "section \"%s\" is %d bytes, larger than %s (%d bytes)",
                                        s.name, s.size(), s.region, s.region.size)));
                continue;
            }
            if (s.fixedAddress >= 0) {
                if (s.bank < 0) {
                    s.bank = s.region.firstBank();
                }
                if (s.address + s.size() > s.region.end()) {
                    errors.add(
                            new AsmError(
                                    s.declared,
                                    String.format(
                                            "section \"%s\" ($%04X, %d bytes) runs past the end of %s",
                                            s.name, s.address, s.size(), s.region)));
                    continue;
                }
                Section clash = overlap(placed, s, s.bank, s.address);
                if (clash != null) {
                    errors.add(
                            new AsmError(
                                    s.declared,
                                    String.format(
                                            "section \"%s\" overlaps section \"%s\" declared at %s",
                                            s.name, clash.name, clash.declared)));
                    continue;
                }
                placed.add(s);
                continue;
            }
            boolean done = false;
            int firstBank = s.bank >= 0 ? s.bank : s.region.firstBank();
            int lastBank = s.bank >= 0 ? s.bank : (s.region.banked ? (s.region.rom ? 511 : 7) : 0);
            for (int bank = firstBank; bank <= lastBank && !done; bank++) {
                int address = s.region.start;
                while (address + s.size() <= s.region.end()) {
                    Section clash = overlap(placed, s, bank, address);
                    if (clash == null) {
                        s.address = address;
                        s.bank = bank;
                        placed.add(s);
                        done = true;
                        break;
                    }
                    address = clash.address + clash.size();
                }
            }
            if (!done) {
                errors.add(
                        new AsmError(
                                s.declared,
                                String.format(
                                        "no room for section \"%s\" (%d bytes) in %s",
                                        s.name, s.size(), s.region)));
            }
        }
    }

    private static Section overlap(List<Section> placed, Section s, int bank, int address) {
        Section found = null;
        for (Section other : placed) {
            if (other.region != s.region || other.bank != bank) {
                continue;
            }
            boolean disjoint =
                    address + s.size() <= other.address || other.address + other.size() <= address;
            if (!disjoint
                    && (s.size() > 0 || other.size() > 0)
                    && (found == null || other.address < found.address)) {
                found = other;
            }
        }
        return found;
    }

    private void apply(Section s, Section.Patch patch, Expr.Resolver resolver) {
        int value;
        try {
            value = patch.expr().eval(resolver);
        } catch (Expr.Unresolved u) {
            errors.add(new AsmError(u.location, u.getMessage()));
            return;
        }
        switch (patch.kind()) {
            case BYTE -> {
                if (value < -128 || value > 255) {
                    errors.add(
                            new AsmError(
                                    patch.location(),
                                    "value " + value + " does not fit in 8 bits"));
                }
                s.set(patch.offset(), value);
            }
            case WORD -> {
                if (value < -32768 || value > 65535) {
                    errors.add(
                            new AsmError(
                                    patch.location(),
                                    "value " + value + " does not fit in 16 bits"));
                }
                s.set(patch.offset(), value);
                s.set(patch.offset() + 1, value >> 8);
            }
            case SIGNED_BYTE -> {
                if (value < -128 || value > 127) {
                    errors.add(
                            new AsmError(
                                    patch.location(), "offset " + value + " is outside -128..127"));
                }
                s.set(patch.offset(), value);
            }
            case RELATIVE -> {
                int next = s.address + patch.offset() + 1;
                int distance = value - next;
                if (distance < -128 || distance > 127) {
                    errors.add(
                            new AsmError(
                                    patch.location(),
                                    String.format(
                                            "jr target $%04X is %d bytes away (-128..127 allowed); use jp",
                                            value & 0xFFFF, distance)));
                }
                s.set(patch.offset(), distance);
            }
            case HIGH_PAGE -> {
                if (value >= 0xFF00 && value <= 0xFFFF) {
                    s.set(patch.offset(), value);
                } else if (value >= 0 && value <= 0xFF) {
                    s.set(patch.offset(), value);
                } else {
                    errors.add(
                            new AsmError(
                                    patch.location(),
                                    String.format(
                                            "ldh address $%04X is outside $FF00-$FFFF",
                                            value & 0xFFFF)));
                }
            }
        }
    }

    private Expr.Resolver linkResolver() {
        return new Expr.Resolver() {
            @Override
            public int symbol(String name, SourceLocation where) throws Expr.Unresolved {
                Symbol s = symbols.get(name);
                if (s == null) {
                    throw new Expr.Unresolved(where, "'" + name + "' is not defined", true);
                }
                return switch (s.kind) {
                    case LABEL -> s.section.address + s.offset;
                    case EQUS ->
                            throw new Expr.Unresolved(where, "'" + name + "' is a string", true);
                    default -> s.value;
                };
            }

            @Override
            public int address(Section section, int offset, SourceLocation where) {
                return section.address + offset;
            }

            @Override
            public int bank(String name, SourceLocation where) throws Expr.Unresolved {
                Symbol s = symbols.get(name);
                if (s == null || s.kind != Symbol.Kind.LABEL) {
                    throw new Expr.Unresolved(
                            where, "BANK() needs a label, '" + name + "' is not one", true);
                }
                return s.section.bank;
            }

            @Override
            public boolean defined(String name) {
                return symbols.containsKey(name);
            }
        };
    }
}
