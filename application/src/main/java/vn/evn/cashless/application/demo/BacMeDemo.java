package vn.evn.cashless.application.demo;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import vn.evn.cashless.domain.billing.BillId;
import vn.evn.cashless.domain.billing.BillingPeriod;
import vn.evn.cashless.domain.billing.ExternalRef;
import vn.evn.cashless.domain.billing.IssueBill;
import vn.evn.cashless.domain.billing.RecordPayment;
import vn.evn.cashless.domain.billing.Vnd;
import vn.evn.cashless.domain.channel.ChannelKind;
import vn.evn.cashless.domain.channel.NotificationChannel;
import vn.evn.cashless.domain.channel.Provider;
import vn.evn.cashless.domain.customer.CustomerCode;
import vn.evn.cashless.domain.customer.PhoneNumber;
import vn.evn.cashless.domain.customer.RegisterCustomer;
import vn.evn.cashless.domain.customer.RegisterNotificationChannel;
import vn.evn.cashless.domain.customer.RegisterPaymentChannel;
import vn.evn.cashless.domain.organisation.AddCommune;
import vn.evn.cashless.domain.organisation.BranchCode;
import vn.evn.cashless.domain.organisation.CommuneCode;
import vn.evn.cashless.domain.organisation.CompanyCode;
import vn.evn.cashless.domain.organisation.CreateBranch;
import vn.evn.cashless.domain.organisation.UnitKind;
import vn.evn.cashless.domain.plan.AssignPlan;
import vn.evn.cashless.domain.plan.PlanId;
import vn.evn.cashless.domain.plan.PlanTargets;
import vn.evn.cashless.domain.plan.ReportingPeriod;
import vn.evn.cashless.domain.shared.Zones;

/**
 * Điện lực Bắc Mê in the first half of 2021, made to reproduce the article's figures (DOMAIN.md): 5,082 bank
 * payments (≈ 26.0 bn VND), 7,222 e-wallet (≈ 3.1 bn), 6,895 through Viettel (≈ 2.9 bn), the rest cash, over about
 * 54,000 customer-payments and 35.37 bn VND, so that with BANK and E_WALLET as cashless the branch reads 82.27 % by
 * amount and 22.79 % by customer-payments. The commands come out in the same order, with the same content, every
 * time: a load that stopped half way resumes where it stopped.
 */
public final class BacMeDemo {

    public static final BranchCode BRANCH = BranchCode.of("BM");
    public static final ReportingPeriod PERIOD = ReportingPeriod.parse("2021-H1");
    public static final int CUSTOMERS = 10_000;
    public static final int ZALO_REGISTRATIONS = 2_412;

    /** How many customer-payments, and how much, each way of paying brings in the half year. */
    enum Habit {
        BANK(ChannelKind.BANK, 847, 5_082, 25_986_000_000L,
                "Agribank", "BIDV", "Vietcombank", "VietinBank", "LienVietPostBank"),
        E_WALLET(ChannelKind.E_WALLET, 1_204, 7_222, 3_112_000_000L, "MoMo", "ZaloPay", "VNPay", "ShopeePay"),
        VIETTEL(ChannelKind.INTERMEDIARY, 1_150, 6_895, 2_915_000_000L, "Viettel"),
        CASH(null, CUSTOMERS - 847 - 1_204 - 1_150, 34_799, 3_355_906_041L);

        final ChannelKind kind;
        final int customers;
        final int payments;
        final long amount;
        final String[] providers;

        Habit(ChannelKind kind, int customers, int payments, long amount, String... providers) {
            this.kind = kind;
            this.customers = customers;
            this.payments = payments;
            this.amount = amount;
            this.providers = providers;
        }
    }

    private record Unit(String code, String name, UnitKind kind) {
    }

    private static final List<Unit> UNITS = List.of(
            new Unit("00991", "Thị trấn Yên Phú", UnitKind.TOWN),
            new Unit("00982", "Xã Minh Sơn", UnitKind.COMMUNE),
            new Unit("00985", "Xã Giáp Trung", UnitKind.COMMUNE),
            new Unit("00988", "Xã Yên Định", UnitKind.COMMUNE),
            new Unit("00994", "Xã Minh Ngọc", UnitKind.COMMUNE),
            new Unit("00997", "Xã Yên Phong", UnitKind.COMMUNE),
            new Unit("01000", "Xã Lạc Nông", UnitKind.COMMUNE),
            new Unit("01003", "Xã Phú Nam", UnitKind.COMMUNE),
            new Unit("01006", "Xã Yên Cường", UnitKind.COMMUNE),
            new Unit("01009", "Xã Thượng Tân", UnitKind.COMMUNE),
            new Unit("01012", "Xã Đường Âm", UnitKind.COMMUNE),
            new Unit("01015", "Xã Đường Hồng", UnitKind.COMMUNE),
            new Unit("01018", "Xã Phiêng Luông", UnitKind.COMMUNE));

    private static final String[] SURNAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ",
            "Hồ", "Ngô", "Dương", "Lý", "Ma", "Lò", "Sùng", "Giàng", "Vàng", "Lục", "Nông"};
    private static final String[] MIDDLE = {"Văn", "Thị", "Đức", "Minh", "Quốc", "Thu", "Ngọc", "Hữu", "Xuân", "Mạnh"};
    private static final String[] GIVEN = {"An", "Bình", "Cường", "Dũng", "Hà", "Hải", "Hạnh", "Hùng", "Hương",
            "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Phúc", "Quang", "Sơn", "Thảo", "Thắng", "Trang",
            "Tuấn", "Việt", "Yến", "Chứ", "Mỷ", "Páo", "Sính", "Dín"};
    private static final int MONTHS = 6;
    private static final YearMonth FIRST_MONTH = YearMonth.of(2021, 1);

    /** Customer {@code i}'s habit; a fixed permutation spreads every habit over every commune. */
    private final Habit[] habits = new Habit[CUSTOMERS];
    /** Rank of customer {@code i} within its habit: who skips a month, which provider. */
    private final int[] rank = new int[CUSTOMERS];
    /** Amounts of each habit's payments, indexed by {@link #paymentIndex}. */
    private final long[][] amounts = new long[Habit.values().length][];
    /** Which of its habit's payments customer {@code i} makes in a month; -1 for a bill left unpaid. */
    private final int[][] paymentIndex = new int[CUSTOMERS][MONTHS];

    public BacMeDemo() {
        int[] counts = new int[Habit.values().length];
        for (int i = 0; i < CUSTOMERS; i++) {
            int position = (int) ((i * 7_919L) % CUSTOMERS);
            Habit habit = habitAt(position);
            habits[i] = habit;
            rank[i] = counts[habit.ordinal()]++;
        }
        // Every bank customer pays every month; of the others, as many as it takes to match the article's counts
        // leave one bill unpaid, in a month that varies from customer to customer.
        int[] next = new int[Habit.values().length];
        for (int i = 0; i < CUSTOMERS; i++) {
            Habit habit = habits[i];
            int missing = habit.customers * MONTHS - habit.payments;
            for (int m = 0; m < MONTHS; m++) {
                boolean skips = rank[i] < missing && m == rank[i] % MONTHS;
                paymentIndex[i][m] = skips ? -1 : next[habit.ordinal()]++;
            }
        }
        for (Habit habit : Habit.values()) {
            if (next[habit.ordinal()] != habit.payments) {
                throw new IllegalStateException(habit + " makes " + next[habit.ordinal()] + " payments");
            }
        }
        Random random = new Random(2021);
        for (Habit habit : Habit.values()) {
            amounts[habit.ordinal()] = split(habit.amount, habit.payments, random);
        }
    }

    private static Habit habitAt(int position) {
        int bound = 0;
        for (Habit habit : Habit.values()) {
            bound += habit.customers;
            if (position < bound) {
                return habit;
            }
        }
        throw new IllegalStateException("position " + position);
    }

    /** Splits {@code total} into {@code parts} positive whole amounts of varying size that add up exactly. */
    private static long[] split(long total, int parts, Random random) {
        double[] weights = new double[parts];
        double sum = 0;
        for (int i = 0; i < parts; i++) {
            weights[i] = 0.4 + random.nextDouble() * 1.2;
            sum += weights[i];
        }
        long[] result = new long[parts];
        long assigned = 0;
        for (int i = 0; i < parts; i++) {
            result[i] = (long) Math.floor(total * weights[i] / sum);
            assigned += result[i];
        }
        for (int i = 0; assigned < total; i = (i + 1) % parts) {
            result[i]++;
            assigned++;
        }
        return result;
    }

    /** All the commands of the demo, in order, made one at a time. */
    public Iterator<Object> commands() {
        List<Iterator<Object>> stages = new ArrayList<>();
        stages.add(organisation().iterator());
        stages.add(new Indexed(CUSTOMERS, this::registerCustomer));
        stages.add(new Indexed(CUSTOMERS, this::registerPaymentChannel));
        stages.add(new Indexed(ZALO_REGISTRATIONS, this::registerZalo));
        for (int m = 0; m < MONTHS; m++) {
            int month = m;
            stages.add(new Indexed(CUSTOMERS, i -> issueBill(i, month)));
            stages.add(new Indexed(CUSTOMERS, i -> recordPayment(i, month)));
        }
        stages.add(List.<Object>of(plan()).iterator());
        return new Concatenated(stages);
    }

    private List<Object> organisation() {
        List<Object> commands = new ArrayList<>();
        commands.add(new CreateBranch(BRANCH, "Điện lực Bắc Mê", "PC Hà Giang", CompanyCode.of("PCHAGIANG")));
        for (Unit unit : UNITS) {
            commands.add(new AddCommune(BRANCH, CommuneCode.of(unit.code()), unit.name(), unit.kind(), null));
        }
        return commands;
    }

    private Object registerCustomer(int i) {
        Random random = new Random(i);
        String name = SURNAMES[random.nextInt(SURNAMES.length)] + " " + MIDDLE[random.nextInt(MIDDLE.length)] + " "
                + GIVEN[random.nextInt(GIVEN.length)];
        PhoneNumber phone = PhoneNumber.of(String.format("09%08d", Math.floorMod(i * 48_271L + 1_234_567L,
                100_000_000L)));
        Instant registeredAt = local(LocalDate.of(2010 + i % 10, 1 + i % 12, 1 + i % 28), 9);
        return new RegisterCustomer(customer(i), name, BRANCH, commune(i), phone, registeredAt);
    }

    /** Customers who pay through a bank, an e-wallet or Viettel are registered for it during 2020. */
    private Object registerPaymentChannel(int i) {
        Habit habit = habits[i];
        if (habit == Habit.CASH) {
            return null;
        }
        return new RegisterPaymentChannel(customer(i), habit.kind, provider(i),
                local(LocalDate.of(2020, 1 + i % 12, 1 + i % 28), 10));
    }

    private Object registerZalo(int n) {
        int i = (int) ((n * 3_571L) % CUSTOMERS);
        return new RegisterNotificationChannel(customer(i), NotificationChannel.ZALO,
                local(LocalDate.of(2021, 1 + n % 6, 1 + n % 28), 14));
    }

    private Object issueBill(int i, int month) {
        YearMonth ym = FIRST_MONTH.plusMonths(month);
        long amount = paid(i, month) ? amount(i, month) : 150_000L + (i % 50) * 7_000L;
        return new IssueBill(bill(i, month), BRANCH, commune(i), Vnd.of(amount), ym.atDay(25));
    }

    private Object recordPayment(int i, int month) {
        if (!paid(i, month)) {
            return null;
        }
        Habit habit = habits[i];
        YearMonth ym = FIRST_MONTH.plusMonths(month);
        ChannelKind kind = habit.kind != null ? habit.kind : (i % 5 < 2 ? ChannelKind.COUNTER : ChannelKind.COLLECTOR);
        Provider provider = habit.kind != null ? provider(i)
                : Provider.of(kind == ChannelKind.COUNTER ? "Quầy thu Điện lực Bắc Mê" : "Thu tiền tại nhà");
        Instant paidAt = local(ym.atDay(5 + (i + month) % 20), 8 + i % 12);
        return new RecordPayment(bill(i, month), Vnd.of(amount(i, month)), kind, provider,
                ExternalRef.of("BM-" + kind + "-" + customer(i) + "-" + ym), paidAt, true);
    }

    private Object plan() {
        return new AssignPlan(new PlanId(BRANCH, PERIOD),
                new PlanTargets(new BigDecimal("77.83"), new BigDecimal("23.64"), 3_000L, new BigDecimal("100")),
                EnumSet.of(ChannelKind.BANK, ChannelKind.E_WALLET));
    }

    boolean paid(int i, int month) {
        return paymentIndex[i][month] >= 0;
    }

    /** The amount of customer {@code i}'s payment in {@code month}: the next of its habit's amounts, in order. */
    private long amount(int i, int month) {
        return amounts[habits[i].ordinal()][paymentIndex[i][month]];
    }

    private Provider provider(int i) {
        String[] providers = habits[i].providers;
        return Provider.of(providers[rank[i] % providers.length]);
    }

    private static CustomerCode customer(int i) {
        return CustomerCode.of(String.format("PA20BM%07d", i + 1));
    }

    private static CommuneCode commune(int i) {
        return CommuneCode.of(UNITS.get(i % UNITS.size()).code());
    }

    private static BillId bill(int i, int month) {
        return BillId.of(customer(i), new BillingPeriod(FIRST_MONTH.plusMonths(month)));
    }

    private static Instant local(LocalDate date, int hour) {
        return LocalDateTime.of(date, java.time.LocalTime.of(hour, 15)).atZone(Zones.VIETNAM).toInstant();
    }

    /** Commands {@code 0..count-1} of one stage; a stage may skip an index by making {@code null}. */
    private static final class Indexed implements Iterator<Object> {
        private final int count;
        private final java.util.function.IntFunction<Object> make;
        private int next;
        private Object pending;

        Indexed(int count, java.util.function.IntFunction<Object> make) {
            this.count = count;
            this.make = make;
        }

        @Override
        public boolean hasNext() {
            while (pending == null && next < count) {
                pending = make.apply(next++);
            }
            return pending != null;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object result = pending;
            pending = null;
            return result;
        }
    }

    private static final class Concatenated implements Iterator<Object> {
        private final Iterator<Iterator<Object>> stages;
        private Iterator<Object> current = Collections.emptyIterator();

        Concatenated(List<Iterator<Object>> stages) {
            this.stages = stages.iterator();
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && stages.hasNext()) {
                current = stages.next();
            }
            return current.hasNext();
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
