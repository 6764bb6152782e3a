package io.github.gluehealthcheck.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.gluehealthcheck.engine.aws.AwsOperation;
import io.github.gluehealthcheck.engine.glue.OwnershipTags;
import io.github.gluehealthcheck.terraform.PolicyDocument.Condition;
import io.github.gluehealthcheck.terraform.PolicyDocument.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * ci_scope_by_repository: a CI principal tied to one repository by its IAM tag glue-health-check:repo may create
 * only jobs it tags with that repository, act only on jobs tagged so, and stage only under
 * {@code <scripts_prefix>/<repository>/}. Glue's condition keys per action are those of the Service Authorization
 * Reference for AWS Glue: aws:RequestTag on CreateJob and TagResource, aws:ResourceTag on the job resource type.
 */
class RepositoryScopingTest {

    private static final String REPOSITORY = "${aws:PrincipalTag/" + OwnershipTags.REPO + "}";

    private static Deployment scoped() {
        return Deployment.inEuWest1().with("ci_scope_by_repository", true);
    }

    @Test
    void jobsAreCreatedOnlyWithThePrincipalsRepositoryTag() {
        Statement create = statementWith(scoped(), "glue:CreateJob");

        assertThat(create.actions()).containsExactly("glue:CreateJob");
        assertThat(create.conditions()).containsExactly(
                new Condition("StringEquals", "aws:RequestTag/" + OwnershipTags.REPO, List.of(REPOSITORY)));
    }

    @Test
    void taggingNeverWritesAnotherOwnerNorRetagsAnotherRepositorysJobButKeepJobMayMoveTheExpiry() {
        Statement tag = statementWith(scoped(), "glue:TagResource");

        // keep_job's TagResource carries only the expiry tag, so the owner conditions hold only where present.
        assertThat(tag.actions()).containsExactly("glue:TagResource");
        assertThat(tag.conditions()).containsExactlyInAnyOrder(
                new Condition("StringEqualsIfExists", "aws:RequestTag/" + OwnershipTags.REPO, List.of(REPOSITORY)),
                new Condition("StringEqualsIfExists", "aws:ResourceTag/" + OwnershipTags.REPO, List.of(REPOSITORY)));
    }

    @Test
    void everyOtherActionOnAJobIsHeldToItsOwnerTag() {
        Set<String> onJobs = Arrays.stream(AwsOperation.values())
                .filter(op -> op.resource() == AwsOperation.Resource.HEALTH_CHECK_JOB && op != AwsOperation.GLUE_CREATE_JOB)
                .flatMap(op -> op.iamActions().stream())
                .filter(action -> !action.equals("glue:TagResource"))
                .collect(Collectors.toSet());

        for (String action : onJobs) {
            Statement statement = statementWith(scoped(), action);
            assertThat(statement.conditions()).as(action).containsExactly(
                    new Condition("StringEquals", "aws:ResourceTag/" + OwnershipTags.REPO, List.of(REPOSITORY)));
            assertThat(statement.resources()).as(action).containsExactlyElementsOf(
                    CiPolicyTest.resourcesOf(AwsOperation.Resource.HEALTH_CHECK_JOB, scoped()));
        }
    }

    @Test
    void scriptsAreStagedOnlyUnderThePrincipalsRepository() {
        Deployment deployment = scoped().with("scripts_prefix", "ci/scripts");

        Statement stage = statementWith(deployment, "s3:DeleteObject");

        assertThat(stage.resources()).containsExactly("arn:aws:s3:::" + deployment.local("scripts_bucket_name")
                + "/ci/scripts/" + REPOSITORY + "/*");
        assertThat(stage.actions()).containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject", "s3:DeleteObject");
    }

    @Test
    void passesAreRecordedAndReadOnlyUnderThePrincipalsRepository() {
        Deployment deployment = scoped().with("scripts_prefix", "ci/scripts");

        List<Statement> records = CiPolicyTest.ciPolicy(deployment).allowStatements().stream()
                .filter(s -> s.resources().stream().anyMatch(r -> r.endsWith("/passes/*"))).toList();

        // A record under another repository's part could make that repository's failing check look passed.
        assertThat(records).singleElement().satisfies(statement -> {
            assertThat(statement.resources()).containsExactly("arn:aws:s3:::" + deployment.local("scripts_bucket_name")
                    + "/ci/scripts/" + REPOSITORY + "/passes/*");
            assertThat(statement.actions()).containsExactlyInAnyOrder("s3:GetObject", "s3:PutObject");
        });
    }

    @Test
    void listingJobsStaysUnscopedBecauseListJobsTakesNoResourceOrTag() {
        Statement list = statementWith(scoped(), "glue:ListJobs");

        assertThat(list.resources()).containsExactly("*");
        assertThat(list.conditions()).isEmpty();
    }

    @Test
    void offByDefaultEveryHolderActsOnEveryHealthCheckJob() {
        for (Statement statement : CiPolicyTest.ciPolicy(Deployment.inEuWest1()).allowStatements()) {
            assertThat(statement.conditions()).as(statement.sid())
                    .noneMatch(c -> c.variable().contains("Tag/"));
            assertThat(statement.resources()).as(statement.sid()).noneMatch(r -> r.contains("PrincipalTag"));
        }
    }

    @Test
    void repositoryNamesTheRoleMayCarryMeanTheSameInJobTagsAndStagingKeys() {
        // The engine keeps these characters as they are in the job's repo tag (OwnershipTags.tagValue) and in
        // staging keys (ScriptStager), so one principal tag matches both.
        for (String repository : List.of("data/etl", "team_a/repo.name", "org/group/sub-project", "x=y+z@w")) {
            assertThat(ValidationEngine.failedValidations(Deployment.MODULE, "ci_role_repository", repository))
                    .as(repository).isEmpty();
            assertThat(OwnershipTags.tagValue(repository)).isEqualTo(repository);
        }
    }

    private static Statement statementWith(Deployment deployment, String action) {
        List<Statement> statements = CiPolicyTest.ciPolicy(deployment).allowStatements().stream()
                .filter(s -> s.actions().contains(action))
                .collect(Collectors.toList());
        assertThat(statements).as(action).hasSize(1);
        return statements.get(0);
    }
}
