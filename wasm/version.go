package main

// Version is the bridge's API version; it changes when the JavaScript API
// described in README.md does.
const Version = "1"
