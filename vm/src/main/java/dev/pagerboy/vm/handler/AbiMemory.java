package dev.pagerboy.vm.handler;

/**
 * Where an alert is written: the runtime's machine, or a plain array for the input image embedded
 * in a standalone ROM. Addresses are bus addresses ($C000...).
 */
interface AbiMemory {

    int peek(int address);

    void poke(int address, int value);

    /** The 1 KiB input area as an array, for embedding in a ROM. */
    static byte[] inputImage(HandlerInput alert) {
        byte[] image = new byte[HandlerAbi.INPUT_SIZE];
        AbiMemory memory =
                new AbiMemory() {
                    @Override
                    public int peek(int address) {
                        return image[address - HandlerAbi.INPUT] & 0xFF;
                    }

                    @Override
                    public void poke(int address, int value) {
                        image[address - HandlerAbi.INPUT] = (byte) value;
                    }
                };
        new InputWriter().write(memory, alert);
        return image;
    }
}
