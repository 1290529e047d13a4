package beian.verify.core.testing;

import beian.verify.core.domain.IdType;
import beian.verify.core.domain.ResidentIdNumber;
import beian.verify.core.port.in.SubmitApplicationUseCase.PersonInput;

/** Test principals with valid documents. */
public final class People {
    private People() {
    }

    /** A valid resident ID built from 17 digits (birth date etc.) and its computed check character. */
    public static String residentId(String first17) {
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    /** A resident ID whose serial is {@code n}, valid, distinct for distinct n < 1000. */
    public static String residentId(int n) {
        return residentId(String.format("110105199001%02d%03d", 1 + n % 28, n % 1000));
    }

    public static PersonInput person(String name, String phone, String residentId) {
        return new PersonInput(name, phone, IdType.RESIDENT_ID, residentId);
    }

    /** The last six characters, as typed on the page. */
    public static String tail(String idNumber) {
        return idNumber.substring(idNumber.length() - 6);
    }
}
