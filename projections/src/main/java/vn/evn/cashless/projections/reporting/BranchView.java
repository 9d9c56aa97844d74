package vn.evn.cashless.projections.reporting;

public record BranchView(String code, String name, String company, String companyCode) {
}
