package beian.verify.adapters.rest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Encodes 0xRRGGBB pixels as an 8-bit greyscale PNG, compressed by zlib at its fastest level. The captcha's
 * clean picture (a flat ground, faint hairlines, four characters) compresses to about 2 KB instead of the
 * 9 KB stored uncompressed, in about 50 µs on this project's 2-core machine (issue 19; the noisy picture
 * before it took zlib 140–280 µs, more than its drawing, so it was stored: issue 10). The picture travels
 * base64 in JSON and in the page, so its bytes count.
 */
final class GrayPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private GrayPng() {
    }

    static byte[] encode(int[] pixels, int width, int height) {
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels for " + width + " x " + height + ": " + pixels.length);
        }
        byte[] raw = new byte[height * (1 + width)];
        int k = 0;
        for (int y = 0; y < height; y++) {
            raw[k++] = 0; // filter type None
            for (int x = 0; x < width; x++) {
                int p = pixels[y * width + x];
                // luma (ITU-R BT.601 weights, in 256ths)
                raw[k++] = (byte) ((((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8);
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2);
        try {
            deflater.setInput(raw);
            deflater.finish();
            byte[] buffer = new byte[8 * 1024];
            while (!deflater.finished()) {
                compressed.write(buffer, 0, deflater.deflate(buffer));
            }
        } finally {
            deflater.end();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(compressed.size() + 64);
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8; // bits per sample
        header[9] = 0; // greyscale
        chunk(png, "IHDR", header);
        chunk(png, "IDAT", compressed.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        png.writeBytes(length);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(name);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        png.writeBytes(sum);
    }

    private static void putInt(byte[] to, int at, int value) {
        to[at] = (byte) (value >>> 24);
        to[at + 1] = (byte) (value >>> 16);
        to[at + 2] = (byte) (value >>> 8);
        to[at + 3] = (byte) value;
    }
}
