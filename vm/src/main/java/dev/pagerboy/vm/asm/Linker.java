package dev.pagerboy.vm.asm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The link step, as rgblink followed by {@code rgbfix -p}: gives every floating section a bank and
 * an address with rgblink's placement rule ({@link #place()}), fills in every patch, and lays the
 * ROM sections out into an image whose size is the smallest power of two (at least 32 KiB) that
 * holds every bank used.
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

    /**
     * The linked ROM image (before header fixing), or null if placement failed. As rgblink writes
     * it, the image is ROM0 and every ROMX bank up to the highest one used, gaps filled with {@code
     * padValue} ({@code rgblink -p}); as {@code rgbfix -p} then does, it is padded with {@code
     * fixPadValue} to the next valid ROM size (a power of two, at least 32 KiB).
     */
    byte[] link(int padValue, int fixPadValue) {
        place();
        if (!errors.isEmpty()) {
            return null;
        }
        int linkedBanks = 1;
        for (Section s : sections) {
            if (s.region == MemoryRegion.ROMX) {
                linkedBanks = Math.max(linkedBanks, s.bank + 1);
            }
        }
        int banks = 2;
        while (banks < linkedBanks) {
            banks *= 2;
        }
        byte[] rom = new byte[banks * 0x4000];
        Arrays.fill(rom, 0, linkedBanks * 0x4000, (byte) padValue);
        Arrays.fill(rom, linkedBanks * 0x4000, rom.length, (byte) fixPadValue);
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

    /**
     * Gives every section its bank and address the way rgblink does ({@code src/link/assign.cpp}):
     * sections are grouped by how constrained they are and placed group by group, bank and address
     * fixed first, then bank only, then address only, then neither (a section in a single-bank
     * region such as ROM0 counts as bank-fixed, as rgblink makes it). Within a group the larger
     * section goes first; of two the same size, the one declared later (rgblink inserts each
     * section before the first one that is not larger). Each goes to the lowest bank and, there,
     * the lowest address where it fits; zero-byte sections take the region start.
     */
    private void place() {
        List<List<Section>> groups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            groups.add(new ArrayList<>());
        }
        for (Section s : sections) {
            if (s.size() > s.region.size) {
                errors.add(
                        new AsmError(
                                s.declared,
                                String.format(
                                        "section \"%s\" is %d bytes, larger than %s (%d bytes)",
                                        s.name, s.size(), s.region, s.region.size)));
                continue;
            }
            boolean bankFixed = s.fixedBank >= 0 || !s.region.banked;
            boolean addressFixed = s.fixedAddress >= 0;
            // rgblink's order of the constraint groups: bank+address, bank, address, none.
            int group = bankFixed ? (addressFixed ? 0 : 1) : (addressFixed ? 2 : 3);
            List<Section> list = groups.get(group);
            int at = 0;
            while (at < list.size() && list.get(at).size() > s.size()) {
                at++;
            }
            list.add(at, s);
        }
        List<Section> placed = new ArrayList<>();
        for (List<Section> group : groups) {
            for (Section s : group) {
                placeOne(s, placed);
            }
        }
    }

    private void placeOne(Section s, List<Section> placed) {
        int firstBank = s.fixedBank >= 0 ? s.fixedBank : s.region.firstBank();
        int lastBank = s.fixedBank >= 0 ? s.fixedBank : s.region.lastBank();
        if (s.size() == 0) {
            s.bank = firstBank;
            s.address = s.fixedAddress >= 0 ? s.fixedAddress : s.region.start;
            placed.add(s);
            return;
        }
        if (s.fixedAddress >= 0 && s.fixedAddress + s.size() > s.region.end()) {
            errors.add(
                    new AsmError(
                            s.declared,
                            String.format(
                                    "section \"%s\" ($%04X, %d bytes) runs past the end of %s",
                                    s.name, s.fixedAddress, s.size(), s.region)));
            return;
        }
        Section firstClash = null;
        for (int bank = firstBank; bank <= lastBank; bank++) {
            int address = s.fixedAddress >= 0 ? s.fixedAddress : s.region.start;
            while (address + s.size() <= s.region.end()) {
                Section clash = overlap(placed, s, bank, address);
                if (clash == null) {
                    s.address = address;
                    s.bank = bank;
                    placed.add(s);
                    return;
                }
                if (firstClash == null) {
                    firstClash = clash;
                }
                if (s.fixedAddress >= 0) {
                    break;
                }
                address = clash.address + clash.size();
            }
        }
        if (s.fixedAddress >= 0 && s.fixedBank >= 0 || s.fixedAddress >= 0 && !s.region.banked) {
            errors.add(
                    new AsmError(
                            s.declared,
                            String.format(
                                    "section \"%s\" overlaps section \"%s\" declared at %s",
                                    s.name, firstClash.name, firstClash.declared)));
            return;
        }
        errors.add(
                new AsmError(
                        s.declared,
                        String.format(
                                "no room for section \"%s\" (%d bytes) in %s",
                                s.name, s.size(), s.region)));
    }

    private static Section overlap(List<Section> placed, Section s, int bank, int address) {
        Section found = null;
        for (Section other : placed) {
            if (other.region != s.region || other.bank != bank || other.size() == 0) {
                continue; // a zero-byte section takes no space, as in rgblink
            }
            boolean disjoint =
                    address + s.size() <= other.address || other.address + other.size() <= address;
            if (!disjoint && (found == null || other.address < found.address)) {
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
