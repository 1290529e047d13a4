package beian.verify.adapters.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class GrayPngTest {
    @Test
    void aStandardDecoderReadsBackEveryPixelsLuma() throws IOException {
        int width = 7;
        int height = 3;
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 37 % 256) << 16 | (i * 91 % 256) << 8 | (i * 13 % 256);
        }
        pixels[0] = 0xffffff;
        pixels[1] = 0x000000;

        BufferedImage read = ImageIO.read(new ByteArrayInputStream(GrayPng.encode(pixels, width, height)));

        assertThat(read.getWidth()).isEqualTo(width);
        assertThat(read.getHeight()).isEqualTo(height);
        assertThat(read.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int luma = (((p >> 16) & 0xff) * 77 + ((p >> 8) & 0xff) * 150 + (p & 0xff) * 29) >> 8;
            assertThat(read.getRaster().getSample(i % width, i / width, 0)).as("pixel %d", i).isEqualTo(luma);
        }
        assertThat(read.getRaster().getSample(0, 0, 0)).isEqualTo(255);
        assertThat(read.getRaster().getSample(1, 0, 0)).isZero();
    }

    @Test
    void pixelsThatDoNotFillThePictureAreRefused() {
        assertThatThrownBy(() -> GrayPng.encode(new int[10], 4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 x 3");
    }
}
