namespace HookGuard.GitStore;

/// <summary>An object's type, numbered as in pack entries.</summary>
internal enum GitObjectKind
{
    Commit = 1,
    Tree = 2,
    Blob = 3,
    Tag = 4,
}

/// <summary>One object's type and content.</summary>
internal readonly record struct GitObject(GitObjectKind Kind, byte[] Content);
