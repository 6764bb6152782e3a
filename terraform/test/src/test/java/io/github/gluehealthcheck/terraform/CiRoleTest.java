package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.terraform.PolicyDocument.Condition;
import io.github.gluehealthcheck.terraform.PolicyDocument.Principal;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The optional CI role and the three ways it can be trusted. */
class CiRoleTest {

    static final String OIDC_PROVIDER =
            "arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";

    @Test
    void thereIsNoCiRoleUnlessAskedFor() {
        Deployment defaults = Deployment.inEuWest1();

        assertThat(defaults.instances("resource", "aws_iam_role", "ci")).isZero();
        assertThat(defaults.instances("data", "aws_iam_policy_document", "ci_trust")).isZero();
        assertThat(defaults.output("ci_role_arn")).isNull();
    }

    @Test
    void accountTrustDefaultsToThisAccountsRoot() {
        Deployment deployment = Deployment.inGovCloud().with("create_ci_role", true);

        Statement trust = trust(deployment);

        assertThat(trust.actions()).containsExactly("sts:AssumeRole");
        assertThat(trust.principals()).containsExactly(new Principal("AWS", List.of("arn:aws-us-gov:iam::210987654321:root")));
        assertThat(trust.conditions()).isEmpty();
        assertThat(deployment.instances("resource", "aws_iam_instance_profile", "ci")).isZero();
    }

    @Test
    void accountTrustNamesGivenPrincipalsAndRequiresTheExternalId() {
        Deployment deployment = Deployment.inEuWest1().with("create_ci_role", true).with("ci_role_trust", Map.of(
                "type", "account",
                "principal_arns", List.of("arn:aws:iam::111122223333:role/jenkins-agent"),
                "external_id", "glue-health-check-ci"));

        Statement trust = trust(deployment);

        assertThat(trust.principals()).containsExactly(
                new Principal("AWS", List.of("arn:aws:iam::111122223333:role/jenkins-agent")));
        assertThat(trust.conditions()).containsExactly(
                new Condition("StringEquals", "sts:ExternalId", List.of("glue-health-check-ci")));
    }

    @Test
    void sameAccountCallersGetAPolicyAllowingThemToAssumeTheRole() {
        Deployment deployment = Deployment.inEuWest1().with("create_ci_role", true);

        PolicyDocument assume = deployment.policy("ci_assume").orElseThrow();

        assertThat(assume.allowStatements()).singleElement().satisfies(statement -> {
            assertThat(statement.actions()).containsExactly("sts:AssumeRole");
            assertThat(statement.resources()).containsExactly("${aws_iam_role.ci[0].arn}");
            assertThat(statement.conditions()).isEmpty();
        });
        assertThat(deployment.instances("resource", "aws_iam_policy", "ci_assume")).isOne();
        assertThat(deployment.output("ci_assume_role_policy_arn")).hasToString("${aws_iam_policy.ci_assume[0].arn}");
        for (Deployment none : List.of(Deployment.inEuWest1(),
                Deployment.inEuWest1().with("create_ci_role", true).with("ci_role_trust", Map.of("type", "ec2")))) {
            assertThat(none.instances("resource", "aws_iam_policy", "ci_assume")).isZero();
            assertThat(none.output("ci_assume_role_policy_arn")).isNull();
        }
    }

    @Test
    void theRoleCarriesItsRepositoryTagWhenGivenOne() {
        Deployment tagged = Deployment.inEuWest1().with("create_ci_role", true).with("ci_role_repository", "data/etl")
                .with("tags", Map.of("team", "data"));

        assertThat(tagged.resourceArgument("aws_iam_role", "ci", "tags"))
                .isEqualTo(Map.of("team", "data", "glue-health-check:repo", "data/etl"));
        assertThat(Deployment.inEuWest1().with("create_ci_role", true).resourceArgument("aws_iam_role", "ci", "tags"))
                .isEqualTo(Map.of());
    }

    @Test
    void scopingByRepositoryNeedsTheRolesRepository() {
        var precondition = TerraformConfig.blocks(
                Deployment.MODULE.resource("aws_iam_role", "ci").blocks("lifecycle").get(0), "precondition").get(0);
        var condition = TerraformConfig.attribute(precondition, "condition").orElseThrow();
        Deployment scoped = Deployment.inEuWest1().with("create_ci_role", true).with("ci_scope_by_repository", true);

        assertThat(scoped.evaluator().eval(condition)).isEqualTo(false);
        assertThat(scoped.with("ci_role_repository", "data/etl").evaluator().eval(condition)).isEqualTo(true);
        assertThat(Deployment.inEuWest1().with("create_ci_role", true).evaluator().eval(condition)).isEqualTo(true);
    }

    @Test
    void oidcTrustLetsOnlyTheNamedServiceAccountsOfTheProviderIn() {
        Deployment deployment = Deployment.inEuWest1().with("create_ci_role", true).with("ci_role_trust", Map.of(
                "type", "oidc",
                "oidc_provider_arn", OIDC_PROVIDER,
                "oidc_subjects", List.of("system:serviceaccount:drone:glue-health-check")));

        Statement trust = trust(deployment);

        String issuer = "oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF";
        assertThat(trust.actions()).containsExactly("sts:AssumeRoleWithWebIdentity");
        assertThat(trust.principals()).containsExactly(new Principal("Federated", List.of(OIDC_PROVIDER)));
        assertThat(trust.conditions()).containsExactlyInAnyOrder(
                new Condition("StringEquals", issuer + ":aud", List.of("sts.amazonaws.com")),
                new Condition("StringLike", issuer + ":sub", List.of("system:serviceaccount:drone:glue-health-check")));
    }

    @Test
    void ec2TrustAddsAnInstanceProfile() {
        Deployment deployment = Deployment.inEuWest1().with("create_ci_role", true)
                .with("ci_role_trust", Map.of("type", "ec2"));

        Statement trust = trust(deployment);

        assertThat(trust.actions()).containsExactly("sts:AssumeRole");
        assertThat(trust.principals()).containsExactly(new Principal("Service", List.of("ec2.amazonaws.com")));
        assertThat(deployment.instances("resource", "aws_iam_instance_profile", "ci")).isOne();
    }

    @Test
    void theRoleCarriesTheCiPolicyAndTheSessionLimit() {
        Deployment deployment = Deployment.inEuWest1().with("create_ci_role", true);

        assertThat(deployment.instances("resource", "aws_iam_role_policy_attachment", "ci_role")).isOne();
        assertThat(TerraformConfig.source(Deployment.MODULE.resource("aws_iam_role", "ci").attribute("assume_role_policy")
                .orElseThrow())).isEqualTo("data.aws_iam_policy_document.ci_trust[0].json");
        assertThat(deployment.resourceArgument("aws_iam_role", "ci", "max_session_duration"))
                .isEqualTo(new java.math.BigDecimal(3600));
    }

    private static Statement trust(Deployment deployment) {
        List<Statement> statements = deployment.policy("ci_trust").orElseThrow().statements();
        assertThat(statements).as("exactly one trust statement per trust type").hasSize(1);
        return statements.get(0);
    }
}
