package beian.verify.core.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every province the service knows, as configured. Rolling verification out is a change here, not a rebuild. */
public final class ProvinceCatalog {
    /** 2017-12-18 09:00 Asia/Shanghai: the pilot's start (工信管函〔2017〕2322号). */
    public static final Instant PILOT_START =
            LocalDateTime.of(2017, 12, 18, 9, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();

    private static final String[][] NAMES = {
            {"BJ", "北京市"}, {"TJ", "天津市"}, {"HE", "河北省"}, {"SX", "山西省"}, {"NM", "内蒙古自治区"},
            {"LN", "辽宁省"}, {"JL", "吉林省"}, {"HL", "黑龙江省"}, {"SH", "上海市"}, {"JS", "江苏省"},
            {"ZJ", "浙江省"}, {"AH", "安徽省"}, {"FJ", "福建省"}, {"JX", "江西省"}, {"SD", "山东省"},
            {"HA", "河南省"}, {"HB", "湖北省"}, {"HN", "湖南省"}, {"GD", "广东省"}, {"GX", "广西壮族自治区"},
            {"HI", "海南省"}, {"CQ", "重庆市"}, {"SC", "四川省"}, {"GZ", "贵州省"}, {"YN", "云南省"},
            {"XZ", "西藏自治区"}, {"SN", "陕西省"}, {"GS", "甘肃省"}, {"QH", "青海省"}, {"NX", "宁夏回族自治区"},
            {"XJ", "新疆维吾尔自治区"}, {"TW", "台湾省"}, {"HK", "香港特别行政区"}, {"MO", "澳门特别行政区"}};

    /** The pilot provinces of the source and their verification platform hosts. */
    private static final Map<String, String> PILOT_HOSTS = Map.of(
            "TJ", "tjcainfo.miitbeian.gov.cn", "GS", "gscainfo.miitbeian.gov.cn",
            "QH", "qhcainfo.miitbeian.gov.cn", "XZ", "xzcainfo.miitbeian.gov.cn",
            "NX", "nxcainfo.miitbeian.gov.cn", "XJ", "xjcainfo.miitbeian.gov.cn",
            "HI", "hncainfo.miitbeian.gov.cn");

    private final Map<ProvinceCode, Province> provinces;

    public ProvinceCatalog(Collection<Province> provinces) {
        Map<ProvinceCode, Province> byCode = new LinkedHashMap<>();
        provinces.stream().sorted(Comparator.comparing(p -> p.code().value()))
                .forEach(p -> byCode.put(p.code(), p));
        this.provinces = Map.copyOf(byCode);
    }

    /** The source's table: seven pilot provinces from {@link #PILOT_START}, every other one without verification. */
    public static ProvinceCatalog defaults() {
        return new ProvinceCatalog(java.util.Arrays.stream(NAMES).map(n -> {
            String host = PILOT_HOSTS.get(n[0]);
            return new Province(new ProvinceCode(n[0]), n[1], host, host == null ? null : PILOT_START);
        }).toList());
    }

    /** The defaults with {@code overrides} laid over them, province by province. */
    public ProvinceCatalog with(Collection<Province> overrides) {
        Map<ProvinceCode, Province> merged = new LinkedHashMap<>(provinces);
        overrides.forEach(p -> merged.put(p.code(), p));
        return new ProvinceCatalog(merged.values());
    }

    public Optional<Province> find(ProvinceCode code) {
        return Optional.ofNullable(provinces.get(code));
    }

    /** Every known province, by code. */
    public List<Province> all() {
        return provinces.values().stream().sorted(Comparator.comparing(p -> p.code().value())).toList();
    }
}
