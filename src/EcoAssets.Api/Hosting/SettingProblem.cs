namespace EcoAssets.Api.Hosting;

/// <summary>A setting that is missing or invalid: its key, and what to set it to.</summary>
public sealed record SettingProblem(string Key, string WhatToSet);
