from innochallenge.cli import main

main()
