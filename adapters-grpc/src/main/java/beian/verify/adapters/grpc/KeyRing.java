package beian.verify.adapters.grpc;

import beian.verify.core.domain.InvalidInputException;
import beian.verify.core.domain.ProviderId;
import beian.verify.core.domain.ProvinceCode;
import beian.verify.core.port.in.Caller;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The configured keys, by the SHA-256 of the key, each to the caller it stands for. A configuration
 * mistake (bad hash, neither or both bindings, unknown province) stops the service at start, naming
 * the entry, rather than leaving a key that silently does nothing.
 */
@Singleton
class KeyRing {
    static final String ALL_PROVINCES = "ALL";

    private final Map<String, Caller> callers = new HashMap<>();

    KeyRing(List<GrpcKeyProperties> keys) {
        for (GrpcKeyProperties key : keys) {
            String where = "beian.grpc.keys[" + key.getIndex() + "]";
            String hash = key.getSha256() == null ? "" : key.getSha256().strip().toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException(where + ".sha256 must be the 64 hex digits of the key's SHA-256");
            }
            if (callers.put(hash, callerOf(where, key)) != null) {
                throw new IllegalStateException(where + ".sha256 is configured twice");
            }
        }
    }

    private static Caller callerOf(String where, GrpcKeyProperties key) {
        boolean provider = key.getProvider() != null && !key.getProvider().isBlank();
        List<String> provinces = key.getReviewerProvinces();
        boolean reviewer = provinces != null && !provinces.isEmpty();
        if (provider == reviewer) {
            throw new IllegalStateException(where + " must name either provider or reviewer-provinces (one of them)");
        }
        try {
            if (provider) {
                return new Caller.Provider(new ProviderId(key.getProvider().strip()));
            }
            Set<ProvinceCode> codes = new LinkedHashSet<>();
            for (String province : provinces) {
                if (ALL_PROVINCES.equalsIgnoreCase(province.strip())) {
                    ProvinceCode.ALL.forEach(code -> codes.add(new ProvinceCode(code)));
                } else {
                    codes.add(ProvinceCode.of(province));
                }
            }
            return new Caller.Reviewer(codes);
        } catch (InvalidInputException e) {
            String setting = provider ? "provider" : "reviewer-provinces";
            throw new IllegalStateException(where + "." + setting + ": " + e.reason(), e);
        }
    }

    /** The caller a presented key stands for, if it is one of ours. */
    Optional<Caller> callerFor(String presentedKey) {
        return Optional.ofNullable(callers.get(sha256(presentedKey)));
    }

    static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
