package beian.verify.app.architecture;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The string literals of a compiled class: the UTF-8 values that {@code CONSTANT_String} entries of
 * its constant pool point to (not the identifiers and descriptors, which are plain UTF-8 entries).
 * ArchUnit does not expose them, so this reads the class file itself (JVMS 4.4, JDK only). A
 * string concatenation compiled to {@code invokedynamic} keeps its recipe, with U+0001
 * where a value goes, as one of these literals.
 */
final class ClassFileStrings {

    private ClassFileStrings() {
    }

    /** The string literals of the class file at {@code uri} ({@code file:} or {@code jar:}). */
    static Set<String> of(URI uri) {
        try (InputStream in = uri.toURL().openStream()) {
            return read(new DataInputStream(new BufferedInputStream(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read class file " + uri, e);
        }
    }

    static Set<String> read(DataInputStream in) throws IOException {
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> stringTargets = new ArrayList<>();
        for (int index = 1; index < count; index++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[index] = in.readUTF(); // Utf8: u2 length + modified UTF-8, as readUTF reads it
                case 8 -> stringTargets.add(in.readUnsignedShort()); // String -> Utf8 index
                case 7, 16, 19, 20 -> in.readUnsignedShort(); // Class, MethodType, Module, Package
                case 3, 4 -> in.readInt(); // Integer, Float
                case 5, 6 -> { // Long, Double take two slots
                    in.readLong();
                    index++;
                }
                case 9, 10, 11, 12, 17, 18 -> in.readInt(); // Field/Method/InterfaceMethodref, NameAndType, (Invoke)Dynamic
                case 15 -> { // MethodHandle: u1 kind, u2 reference
                    in.readUnsignedByte();
                    in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at index " + index);
            }
        }
        Set<String> literals = new LinkedHashSet<>();
        for (int target : stringTargets) {
            if (target <= 0 || target >= count || utf8[target] == null) {
                throw new IOException("CONSTANT_String points to no Utf8 entry: " + target);
            }
            literals.add(utf8[target]);
        }
        return literals;
    }
}
