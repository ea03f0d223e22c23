package org.mburoja.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mburoja.audit.AuditFilter;
import org.mburoja.audit.AuditLog;
import org.mburoja.identity.Organisation;
import org.mburoja.identity.Organisations;
import org.mburoja.operators.Operator;
import org.mburoja.operators.OperatorDraft;
import org.mburoja.operators.OperatorRegistry;
import org.mburoja.operators.internal.TestNipts;
import org.mburoja.kernel.OrganisationKind;
import org.mburoja.kernel.Role;
import org.mburoja.testing.Accounts;
import org.mburoja.testing.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The authorisation matrix: every HTTP endpoint of the application, called as each kind of principal, must answer
 * the status written in {@code src/test/resources/authz/authz-matrix.tsv}. The endpoints are listed from Spring
 * MVC's {@link RequestMappingHandlerMapping}, so a new endpoint without a row fails {@link #everyEndpointHasARow()};
 * the failure message prints ready-to-review rows with the statuses measured now.
 *
 * <h2>File format</h2>
 * Tab-separated, {@code #} starts a comment line. The header line names the columns:
 * <pre>
 * method  path  admin  analyst  operator  other-operator  partner  viewer  anonymous  body
 * </pre>
 * <ul>
 *   <li>{@code method}: the HTTP method; {@code *} for mappings without one (called with GET).</li>
 *   <li>{@code path}: the mapping's pattern exactly as declared ({@code /admin/users/{id}/disable}). Path variables
 *       are filled from {@link #variables()}: known names get fixture values (e.g. {@code {ownOrganisationId}} is the
 *       organisation of {@code operator} and {@code viewer}), any other name a fresh random UUID. Rows may also
 *       name paths outside Spring MVC (actuator), which are called as well.</li>
 *   <li>one column per principal: the expected status. {@code admin}, {@code analyst}: national authority staff;
 *       {@code operator}, {@code viewer}: users of operator organisation A; {@code other-operator}: operator of
 *       organisation B (for rows about A's objects this column shows that B cannot reach them); {@code partner}: a
 *       partner agency user; {@code anonymous}: no session.</li>
 *   <li>{@code body} (optional): {@code -} for none, {@code json:<file>} (a file under {@code authz/}, sent as
 *       JSON), {@code multipart:<file>} (a file under {@code authz/}, uploaded as part {@code file}) or
 *       {@code form:a=1&b=2} (sent as form parameters).</li>
 *   <li>{@code vars} (optional): {@code id=ownOrganisationId,x=fixture} says which fixture fills a path or body
 *       variable of this row, when the mapping's variable name ({@code {id}}) means different objects in different
 *       rows. {@code {unique}} in a body becomes a unique
 *       string, {@code {var}} a variable as for paths.</li>
 * </ul>
 * Every 403 to a logged-in principal must leave exactly one {@code access.denied} entry in the audit log.
 * Every state-changing request carries a valid CSRF token, so the matrix tests authorisation, not CSRF. To cover a
 * new module: add its fixtures to {@link #variables()} (create the objects of organisation A there) and its rows.
 */
@IntegrationTest
class AuthorizationMatrixIT {

    static final String FILE = "/authz/authz-matrix.tsv";
    static final List<String> PRINCIPALS = List.of("admin", "analyst", "operator", "other-operator", "partner",
            "viewer", "anonymous");
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    @Autowired
    MockMvc mvc;
    @Autowired
    ApplicationContext ctx;
    @Autowired
    AuditLog audit;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    Accounts accounts;
    Map<String, Accounts.Account> principals;
    Organisation organisationA;
    Organisation organisationB;

    /** One row of the matrix. */
    record Row(int line, String method, String path, Map<String, Integer> expected, String body,
               Map<String, String> aliases) {

        Row(int line, String method, String path, Map<String, Integer> expected, String body) {
            this(line, method, path, expected, body, Map.of());
        }

        String key() {
            return method + " " + path;
        }
    }

    @BeforeEach
    void setUp() {
        accounts = new Accounts(ctx);
        Organisation authority = accounts.authority();
        organisationA = registeredOperator("authz-a");
        organisationB = registeredOperator("authz-b");
        Organisation partnerOrg = accounts.organisation(OrganisationKind.PARTNER, "authz-partner");
        principals = new LinkedHashMap<>();
        principals.put("admin", accounts.ready(Role.ADMIN, authority.id()));
        principals.put("analyst", accounts.ready(Role.ANALYST, authority.id()));
        principals.put("operator", accounts.ready(Role.OPERATOR, organisationA.id()));
        principals.put("other-operator", accounts.ready(Role.OPERATOR, organisationB.id()));
        principals.put("partner", accounts.ready(Role.PARTNER, partnerOrg.id()));
        principals.put("viewer", accounts.ready(Role.VIEWER, organisationA.id()));
    }

    /** An operator organisation with its registry record (so that rows about organisation A's record have one). */
    private Organisation registeredOperator(String prefix) {
        String name = Accounts.unique(prefix);
        String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        int octet = java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 256);
        Operator op = ctx.getBean(OperatorRegistry.class).create(org.mburoja.kernel.Actor.system("test"),
                new OperatorDraft(name, TestNipts.next(), "Rruga e Kavajës 1, Tiranë", "energy", "electricity",
                        "essential", "cert@" + slug + ".al", "+355 4 222 2222", "Duty officer", "069 123 4567",
                        List.of("AL"), List.of("10." + octet + ".0.0/16"), List.of(slug + ".al"), List.of()));
        return ctx.getBean(Organisations.class).find(op.id()).orElseThrow();
    }

    /** Values for path and body variables; add fixtures of new modules here (objects owned by organisation A). */
    Map<String, Supplier<String>> variables() {
        Map<String, Supplier<String>> v = new LinkedHashMap<>();
        v.put("ownOrganisationId", () -> organisationA.id().toString());
        v.put("otherOrganisationId", () -> organisationB.id().toString());
        v.put("viewerUserId", () -> principals.get("viewer").user().id().toString());
        v.put("unique", () -> Accounts.unique("authz"));
        v.put("nipt", TestNipts::next);
        v.put("ownOrganisationName", () -> organisationA.name());
        v.put("ownNipt", () -> ctx.getBean(OperatorRegistry.class)
                .find(org.mburoja.kernel.Actor.system("test"), organisationA.id()).orElseThrow().nipt());
        v.put("octet", () -> String.valueOf(java.util.concurrent.ThreadLocalRandom.current().nextInt(0, 256)));
        v.put("freshOperatorId", () -> registeredOperator("authz-fresh").id().toString());
        var incidents = new org.mburoja.incidents.IncidentMatrixFixtures(ctx, organisationA);
        v.put("reportId", incidents::report);
        v.put("caseId", incidents::kase);
        v.put("taskId", incidents::task);
        v.put("evidenceId", incidents::evidence);
        var pages = new PageMatrixFixtures(ctx, principals.get("admin").actor(), principals.get("analyst").actor());
        v.put("intelCollectionId", pages::collection);
        v.put("intelObjectId", pages::object);
        v.put("scanJobId", pages::scanJob);
        v.put("breachId", pages::breach);
        return v;
    }

    @Test
    void everyEndpointHasARow() throws Exception {
        Set<String> rows = new TreeSet<>(rows().stream().map(Row::key).toList());
        Set<String> missing = new TreeSet<>(endpoints());
        missing.removeAll(rows);
        if (!missing.isEmpty()) {
            StringBuilder suggestion = new StringBuilder();
            for (String key : missing) {
                String[] mp = key.split(" ", 2);
                Row probe = new Row(0, mp[0], mp[1], Map.of(), "-");
                suggestion.append(mp[0]).append('\t').append(mp[1]);
                for (String p : PRINCIPALS) {
                    suggestion.append('\t').append(call(probe, p));
                }
                suggestion.append("\t-\n");
            }
            throw new AssertionError("endpoints without a row in " + FILE + " (measured now; review before "
                    + "adding):\n" + suggestion);
        }
    }

    @Test
    void everyPrincipalGetsTheExpectedStatus() throws Exception {
        List<String> mismatches = new ArrayList<>();
        for (Row row : rows()) {
            for (String p : PRINCIPALS) {
                int actual = call(row, p);
                if (actual != row.expected().get(p)) {
                    mismatches.add(String.format("line %d: %s as %s: expected %d, got %d", row.line(), row.key(), p,
                            row.expected().get(p), actual));
                }
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private int call(Row row, String principal) throws Exception {
        HttpMethod method = row.method().equals("*") ? HttpMethod.GET : HttpMethod.valueOf(row.method());
        AbstractMockHttpServletRequestBuilder<?> req = request(method, fill(row.path(), row.aliases()));
        String body = row.body();
        if (body.startsWith("multipart:")) {
            req = multipart(method, fill(row.path(), row.aliases())).file(new MockMultipartFile("file", "upload.csv",
                    "text/csv", fill(resource("/authz/" + body.substring(10)), row.aliases())
                            .getBytes(StandardCharsets.UTF_8)));
        } else if (body.startsWith("json:")) {
            req = req.contentType(MediaType.APPLICATION_JSON).content(fill(resource("/authz/" + body.substring(5)), row.aliases()));
        } else if (body.startsWith("form:")) {
            for (String pair : body.substring(5).split("&")) {
                String[] kv = pair.split("=", 2);
                req = req.param(kv[0], kv.length > 1 ? fill(kv[1], row.aliases()) : "");
            }
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            req = req.with(csrf());
        }
        Accounts.Account account = principals.get(principal);
        if (account != null) {
            MockHttpSession session = accounts.sessionOf(account);
            req = req.session(session);
        }
        long deniedBefore = account == null ? 0 : denials(account);
        int status = mvc.perform(req).andReturn().getResponse().getStatus();
        if (status == 403 && account != null && denials(account) != deniedBefore + 1) {
            throw new AssertionError(row.key() + " as " + principal + ": 403 without an access.denied audit entry");
        }
        return status;
    }

    private long denials(Accounts.Account account) {
        return audit.count(new AuditFilter(account.username(), "access.denied", null, null, null, null));
    }

    private String fill(String template, Map<String, String> aliases) {
        Map<String, Supplier<String>> vars = variables();
        Matcher m = VARIABLE.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            Supplier<String> s = vars.get(aliases.getOrDefault(m.group(1), m.group(1)));
            m.appendReplacement(sb, Matcher.quoteReplacement(s != null ? s.get() : UUID.randomUUID().toString()));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Every (method, pattern) Spring MVC maps; mappings without a method are listed as {@code *}. */
    Set<String> endpoints() {
        Set<String> keys = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<String> methods = new TreeSet<>(info.getMethodsCondition().getMethods().stream().map(Enum::name)
                    .toList());
            if (methods.isEmpty()) {
                methods.add("*");
            }
            for (String pattern : info.getPatternValues()) {
                for (String m : methods) {
                    keys.add(m + " " + pattern);
                }
            }
        }
        return keys;
    }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> header = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                AuthorizationMatrixIT.class.getResourceAsStream(FILE), StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                List<String> cells = Arrays.asList(line.split("\t"));
                if (header == null) {
                    header = cells;
                    assertThat(header).as(FILE + " header").startsWith("method", "path").containsAll(PRINCIPALS);
                    continue;
                }
                if (cells.size() < 2 + PRINCIPALS.size()) {
                    throw new AssertionError(FILE + " line " + n + ": expected " + (2 + PRINCIPALS.size())
                            + " or more tab-separated cells, got " + cells.size());
                }
                Map<String, Integer> expected = new LinkedHashMap<>();
                for (String p : PRINCIPALS) {
                    String cell = cells.get(header.indexOf(p)).strip();
                    try {
                        expected.put(p, Integer.parseInt(cell));
                    } catch (NumberFormatException e) {
                        throw new AssertionError(FILE + " line " + n + ": status for " + p + " is not a number: "
                                + cell);
                    }
                }
                int bodyIndex = header.indexOf("body");
                String body = bodyIndex >= 0 && bodyIndex < cells.size() ? cells.get(bodyIndex).strip() : "-";
                int varsIndex = header.indexOf("vars");
                Map<String, String> aliases = new LinkedHashMap<>();
                if (varsIndex >= 0 && varsIndex < cells.size() && !cells.get(varsIndex).isBlank()) {
                    for (String pair : cells.get(varsIndex).strip().split(",")) {
                        String[] kv = pair.split("=", 2);
                        if (kv.length != 2) {
                            throw new AssertionError(FILE + " line " + n + ": vars must be name=fixture, got " + pair);
                        }
                        aliases.put(kv[0].strip(), kv[1].strip());
                    }
                }
                rows.add(new Row(n, cells.get(0).strip(), cells.get(1).strip(), expected, body, aliases));
            }
        }
        return rows;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = AuthorizationMatrixIT.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new AssertionError("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
