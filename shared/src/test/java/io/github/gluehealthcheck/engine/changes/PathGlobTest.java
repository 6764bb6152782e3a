package io.github.gluehealthcheck.engine.changes;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathGlobTest {

    private static boolean matches(String glob, String path) {
        return PathGlob.of(glob).matches(path);
    }

    @Test
    void aStarStaysWithinItsDirectory() {
        assertThat(matches("lib/*.py", "lib/dates.py")).isTrue();
        assertThat(matches("lib/*.py", "lib/sub/dates.py")).isFalse();
        assertThat(matches("lib/*.py", "jobs/lib/dates.py")).isFalse();
        assertThat(matches("lib/*.py", "lib/dates.pyc")).isFalse();
    }

    @Test
    void twoStarsCrossDirectoriesAndMayMatchNone() {
        assertThat(matches("lib/**/*.py", "lib/dates.py")).isTrue();
        assertThat(matches("lib/**/*.py", "lib/a/b/dates.py")).isTrue();
        assertThat(matches("**/common.py", "common.py")).isTrue();
        assertThat(matches("**/common.py", "x/y/common.py")).isTrue();
        assertThat(matches("**/common.py", "x/uncommon.py")).isFalse();
        assertThat(matches("lib/**", "lib/a/b.sql")).isTrue();
        assertThat(matches("lib/**", "library.py")).isFalse();
    }

    @Test
    void aTrailingSlashMeansEverythingUnderTheDirectory() {
        assertThat(matches("shared/", "shared/a.py")).isTrue();
        assertThat(matches("shared/", "shared/x/y.json")).isTrue();
        assertThat(matches("shared/", "sharedx/a.py")).isFalse();
    }

    @Test
    void questionMarksClassesAndAlternatives() {
        assertThat(matches("conf/v?.json", "conf/v1.json")).isTrue();
        assertThat(matches("conf/v?.json", "conf/v10.json")).isFalse();
        assertThat(matches("conf/[ab].sql", "conf/b.sql")).isTrue();
        assertThat(matches("conf/[!ab].sql", "conf/b.sql")).isFalse();
        assertThat(matches("conf/[!ab].sql", "conf/c.sql")).isTrue();
        assertThat(matches("lib/*.{py,sql}", "lib/q.sql")).isTrue();
        assertThat(matches("lib/*.{py,sql}", "lib/q.txt")).isFalse();
    }

    @Test
    void regexCharactersAreLiteral() {
        assertThat(matches("lib/a+b (1).py", "lib/a+b (1).py")).isTrue();
        assertThat(matches("lib/a.py", "lib/aXpy")).isFalse();
        assertThat(matches("./lib/a.py", "lib/a.py")).isTrue();
    }

    @Test
    void globsThatCannotNameWorkspaceFilesAreRefusedInOneLine() {
        assertThat(PathGlob.problem("/etc/passwd")).hasValueSatisfying(m -> assertThat(m).contains("not relative"));
        assertThat(PathGlob.problem("..\\x.py")).hasValueSatisfying(m -> assertThat(m).contains("not relative"));
        assertThat(PathGlob.problem("C:/x.py")).hasValueSatisfying(m -> assertThat(m).contains("not relative"));
        assertThat(PathGlob.problem("lib/../../x.py")).hasValueSatisfying(m -> assertThat(m).contains("leaves the workspace"));
        assertThat(PathGlob.problem("s3://bucket/lib.zip")).hasValueSatisfying(m -> assertThat(m).contains("URI"));
        assertThat(PathGlob.problem(" ")).hasValueSatisfying(m -> assertThat(m).contains("empty"));
        assertThat(PathGlob.problem("lib/[ab.py")).hasValueSatisfying(m -> assertThat(m).contains("'['"));
        assertThat(PathGlob.problem("lib/{a,b.py")).hasValueSatisfying(m -> assertThat(m).contains("'{'"));
        assertThat(PathGlob.problem("lib/a}.py")).hasValueSatisfying(m -> assertThat(m).contains("'}'"));
        assertThat(PathGlob.problem("lib/a\nb")).hasValueSatisfying(m -> assertThat(m).contains("control").doesNotContain("\n"));
        assertThat(PathGlob.problem("lib/**/*.py")).isEmpty();
    }
}
