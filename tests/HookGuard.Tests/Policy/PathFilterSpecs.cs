using HookGuard.Config;
using HookGuard.Policy;
using HookGuard.Rules;
using Microsoft.Extensions.FileSystemGlobbing;

namespace HookGuard.Tests.Policy;

public class PathFilterSpecs
{
    private static readonly string[] Paths =
    [
        ".env", ".env.local", "app/.env", "app/.env.production", "prod.env", "deploy/prod.env", "env",
        "a/b/c/settings.yaml", "settings.yml", "settings.yaml.bak", "Dockerfile", "docker/Dockerfile.dev",
        "Dockerfile.", "dockerfile", "x.DOCKERFILE", "app.dockerfile", "notes.txt", "txt", "a/.txt",
        "src/Program.cs", "src/env/config.ts", "terraform/prod.tfvars", "web.config", "config", "a.b.c.ini",
        "deep/er/still/.envrc", ".envrc.bak", "run.sh", "run.shx", "README.md", "a/b/Makefile", ".",
        "sub dir/with space.conf", "ünïcode/ключ.properties",
    ];

    private static readonly string[] ConfigFileGlobs =
    [
        "**/.env", "**/.env.*", "**/*.env", "**/*.properties", "**/*.ini", "**/*.cfg", "**/*.conf", "**/*.cnf", "**/*.yaml",
        "**/*.yml", "**/*.toml", "**/*.sh", "**/*.bash", "**/*.zsh", "**/Dockerfile", "**/Dockerfile.*", "**/*.dockerfile",
        "**/*.tfvars", "**/*.envrc", "**/.envrc", "**/*.txt", "**/*.config",
    ];

    [Test]
    public void The_rules_file_name_globs_match_exactly_what_the_globbing_library_matches()
    {
        // Rules' own scopes and the config-file scopes a repository typically writes in rules.paths.
        var globs = RuleSet.BuiltIn.SelectMany(r => r.Paths).Concat(ConfigFileGlobs).Distinct().ToList();
        AssertSameAsLibrary(globs);
    }

    [TestCase("**/Makefile")]
    [TestCase("**/*.cs")]
    [TestCase("**/.env*")]
    [TestCase("**/*")]
    public void A_single_file_name_glob_matches_what_the_globbing_library_matches(string glob) => AssertSameAsLibrary([glob]);

    [TestCase("src/**/*.cs", "src/a/b.cs", "lib/b.cs")]
    [TestCase("**/env/*", "src/env/config.ts", "env")]
    [TestCase("*.md", "README.md", "docs/README.md")]
    [TestCase("**/*.test.*", "a/b.test.js", "a/btest.js")]
    public void Other_globs_are_left_to_the_library(string glob, string included, string excluded)
    {
        var filter = new PathFilter([glob], []);
        Assert.That((filter.Includes(included), filter.Includes(excluded)), Is.EqualTo((true, false)));
    }

    [Test]
    public void Excludes_apply_to_file_name_globs_too()
    {
        var filter = new PathFilter(["**/*.env"], ["test/**"]);
        Assert.That((filter.Includes("app/prod.env"), filter.Includes("test/prod.env")), Is.EqualTo((true, false)));
    }

    private static void AssertSameAsLibrary(IReadOnlyList<string> globs)
    {
        var library = new Matcher(StringComparison.Ordinal);
        library.AddIncludePatterns(globs);
        var filter = new PathFilter(globs, []);
        foreach (var path in Paths)
            Assert.That(filter.Includes(path), Is.EqualTo(library.Match(path).HasMatches), $"{path} against {string.Join(", ", globs)}");
    }
}
