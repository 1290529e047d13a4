package beian.verify.core.port.in;

/** One application, for its provider or a reviewer of its province; anyone else is told it does not exist. */
public interface GetApplicationUseCase {

    Outcome<ApplicationView> get(GetApplicationQuery query);

    record GetApplicationQuery(Caller caller, String applicationId) {
    }
}
