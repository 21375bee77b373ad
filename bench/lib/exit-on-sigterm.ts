// Loaded into a load client run with --cpu-prof: exiting normally on SIGTERM lets Node write the profile.
process.on("SIGTERM", () => process.exit(0));
