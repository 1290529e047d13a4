package beian.verify.adapters.grpc;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.List;

/**
 * One entry of {@code beian.grpc.keys}: the SHA-256 (hex) of a key, bound to one access provider
 * ({@code provider}) or to the reviewers of some provinces ({@code reviewer-provinces}, {@code [ALL]}
 * for every province). Only hashes are configured, so the configuration does not hold usable keys.
 */
@EachProperty(value = "beian.grpc.keys", list = true)
public class GrpcKeyProperties {
    private final int index;
    private String sha256;
    private String provider;
    private List<String> reviewerProvinces;

    public GrpcKeyProperties(@Parameter Integer index) {
        this.index = index;
    }

    public int getIndex() {
        return index;
    }

    public String getSha256() {
        return sha256;
    }

    public void setSha256(String sha256) {
        this.sha256 = sha256;
    }

    public String getProvider() {
        return provider;
    }

    public void setProvider(String provider) {
        this.provider = provider;
    }

    public List<String> getReviewerProvinces() {
        return reviewerProvinces;
    }

    public void setReviewerProvinces(List<String> reviewerProvinces) {
        this.reviewerProvinces = reviewerProvinces;
    }
}
