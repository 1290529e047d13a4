package beian.verify.adapters.grpc;

/** Keeps the grpc adapter's jar non-empty until its first real class lands; delete it then. */
final class GrpcAdapterPlaceholder {
    private GrpcAdapterPlaceholder() {
    }
}
