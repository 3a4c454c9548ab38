from wpclean.cli.app import main

main()
