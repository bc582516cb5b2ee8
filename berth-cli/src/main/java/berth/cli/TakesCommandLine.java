package berth.cli;

/** Marks verbs whose trailing arguments are a command to run (run, create, exec): options end at IMAGE. */
interface TakesCommandLine {}
