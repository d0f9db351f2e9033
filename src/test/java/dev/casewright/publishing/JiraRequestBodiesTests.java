package dev.casewright.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The schema check the integration tests rely on catches what it should. */
class JiraRequestBodiesTests {

    private final JiraRequestBodies schemas = new JiraRequestBodies();
    private final JsonMapper json = JsonMapper.shared();

    @Test
    void aLinkWithTheRightFieldsPasses() {
        var link = json.readTree(
                "{\"type\":{\"name\":\"Tests\"},\"inwardIssue\":{\"key\":\"SHOP-9\"},\"outwardIssue\":{\"key\":\"SHOP-1\"}}");

        assertThat(schemas.problems("/rest/api/3/issueLink", "post", link)).isEmpty();
    }

    @Test
    void aLinkWithAMisnamedOrMissingOrWronglyTypedFieldIsCaught() {
        var link = json.readTree(
                "{\"type\":{\"name\":\"Tests\",\"direction\":\"out\"},\"inward\":{\"key\":\"SHOP-9\"},\"outwardIssue\":{\"key\":1}}");

        assertThat(schemas.problems("/rest/api/3/issueLink", "post", link))
                .contains(
                        "$.inwardIssue is required",
                        "$.inward is not a property Jira knows here",
                        "$.type.direction is not a property Jira knows here",
                        "$.outwardIssue.key must be a string");
    }

    @Test
    void anIssueCreateWithPropertiesInTheWrongShapeIsCaught() {
        var create = json.readTree("{\"fields\":{\"summary\":\"x\"},\"properties\":{\"key\":\"casewright.test\"}}");

        assertThat(schemas.problems("/rest/api/3/issue", "post", create)).contains("$.properties must be an array");
    }
}
