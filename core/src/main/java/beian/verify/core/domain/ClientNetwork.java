package beian.verify.core.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The network a request came from, as the miss limits count it (DOMAIN.md step 5): an IPv4 address,
 * or the /64 of an IPv6 address (one subscriber's allocation, so handing out addresses from it buys
 * no new allowance). An address that cannot be read is one network, {@code unknown}, so garbage
 * never buys a fresh allowance either.
 */
public record ClientNetwork(String value) {
    public static final ClientNetwork UNKNOWN = new ClientNetwork("unknown");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public ClientNetwork {
        Objects.requireNonNull(value, "value");
    }

    /** The network of a client address as the adapter resolved it (literal addresses only: never a name lookup). */
    public static ClientNetwork of(String address) {
        if (address == null) {
            return UNKNOWN;
        }
        String a = address.strip();
        if (a.startsWith("[") && a.endsWith("]")) {
            a = a.substring(1, a.length() - 1);
        }
        boolean v4 = IPV4.matcher(a).matches();
        if (!v4 && !(a.contains(":") && IPV6.matcher(a).matches())) {
            return UNKNOWN;
        }
        if (v4) {
            for (String octet : a.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return UNKNOWN; // not a literal: InetAddress would look it up as a host name
                }
            }
        }
        try {
            byte[] bytes = InetAddress.getByName(a).getAddress(); // a literal: parsed, not looked up
            if (bytes.length == 4) {
                return new ClientNetwork((bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + "."
                        + (bytes[3] & 0xff));
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return new ClientNetwork(prefix.append(":/64").toString());
        } catch (UnknownHostException | RuntimeException e) {
            return UNKNOWN;
        }
    }
}
